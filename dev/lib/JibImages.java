import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds one Quarkus fast-jar image with jib-core (the library under jib-maven-plugin and quarkus-container-image-jib)
 * from a docker-save base tarball into a docker-save tarball, offline, without touching the service's pom.
 * <p>
 * Usage: java -cp JIB_CORE_CLASSPATH dev/lib/JibImages.java BASE_TAR QUARKUS_APP_DIR IMAGE_NAME OUT_TAR CACHE_DIR PORT
 * <p>
 * Layers, from the rarely changing to the often changing:
 * dependencies (lib/boot, third-party lib/main jars),
 * quarkus (quarkus/: generated and transformed bytecode, the application model; quarkus-run.jar),
 * application (app/ and our own dev.heavyweight.* jars) — the layer a code-only change replaces.
 */
public class JibImages {
    static final AbsoluteUnixPath DEPLOYMENTS = AbsoluteUnixPath.get("/deployments");

    public static void main(String[] args) throws Exception {
        Path base = Paths.get(args[0]).toAbsolutePath();
        Path app = Paths.get(args[1]).toAbsolutePath();
        String name = args[2];
        Path out = Paths.get(args[3]).toAbsolutePath();
        Path cache = Paths.get(args[4]).toAbsolutePath();
        int port = Integer.parseInt(args[5]);

        FileEntriesLayer.Builder deps = FileEntriesLayer.builder().setName("dependencies");
        FileEntriesLayer.Builder quarkus = FileEntriesLayer.builder().setName("quarkus");
        FileEntriesLayer.Builder ours = FileEntriesLayer.builder().setName("application");

        for (Path f : files(app)) {
            String rel = app.relativize(f).toString().replace('\\', '/');
            AbsoluteUnixPath target = DEPLOYMENTS.resolve(rel);
            if (rel.startsWith("app/") || rel.startsWith("lib/main/dev.heavyweight.")) {
                ours.addEntry(f, target);
            } else if (rel.startsWith("quarkus/") || rel.equals("quarkus-run.jar")) {
                // quarkus-run.jar is rewritten (new entry timestamps) by every build: keep it out of dependencies
                quarkus.addEntry(f, target);
            } else if (rel.startsWith("lib/")) {
                deps.addEntry(f, target);
            }
            // quarkus-app-dependencies.txt and anything else: not needed at run time
        }

        JibContainerBuilder builder = Jib.from("tar://" + base)
                .addFileEntriesLayer(deps.build())
                .addFileEntriesLayer(quarkus.build())
                .addFileEntriesLayer(ours.build())
                .setEntrypoint(List.of("java", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp",
                        "-jar", "/deployments/quarkus-run.jar"))
                .setWorkingDirectory(DEPLOYMENTS)
                .setUser("1001:1001")
                .addExposedPort(Port.tcp(port))
                .addLabel("org.opencontainers.image.title", name)
                .addLabel("org.opencontainers.image.source", "https://github.com/heavyweight (dev/images)");

        Files.createDirectories(out.getParent());
        builder.containerize(Containerizer.to(TarImage.at(out).named(name))
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("app"))
                .setOfflineMode(true)
                .setToolName("heavyweight-dev-images"));
        System.out.println("built " + name + " -> " + out);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
