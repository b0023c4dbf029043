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
 * Layers, from the rarely changing to the often changing (jars are reproducible, project.build.outputTimestamp, so a
 * layer whose files did not change keeps its digest and is neither pushed nor pulled again):
 * dependencies (lib/boot, third-party lib/main jars),
 * platform (our shared dev.heavyweight.* library jars: contracts, messaging, admin-access),
 * quarkus (quarkus-run.jar, quarkus/quarkus-application.dat, quarkus/transformed-bytecode.jar: change only when
 * classes are added, renamed or enhanced),
 * generated (quarkus/generated-bytecode.jar: Quarkus writes it slightly differently on every build — recorder proxy
 * keys follow the order build steps finish — so it always changes),
 * application (app/: the service's own jar).
 * A code-only change replaces generated + application (bench/images/code-change measures it).
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
        FileEntriesLayer.Builder platform = FileEntriesLayer.builder().setName("platform");
        FileEntriesLayer.Builder quarkus = FileEntriesLayer.builder().setName("quarkus");
        FileEntriesLayer.Builder generated = FileEntriesLayer.builder().setName("generated");
        FileEntriesLayer.Builder ours = FileEntriesLayer.builder().setName("application");

        for (Path f : files(app)) {
            String rel = app.relativize(f).toString().replace('\\', '/');
            AbsoluteUnixPath target = DEPLOYMENTS.resolve(rel);
            if (rel.startsWith("app/")) {
                ours.addEntry(f, target);
            } else if (rel.equals("quarkus/generated-bytecode.jar")) {
                generated.addEntry(f, target);
            } else if (rel.startsWith("quarkus/") || rel.equals("quarkus-run.jar")) {
                quarkus.addEntry(f, target);
            } else if (rel.startsWith("lib/main/dev.heavyweight.")) {
                platform.addEntry(f, target);
            } else if (rel.startsWith("lib/")) {
                deps.addEntry(f, target);
            }
            // quarkus-app-dependencies.txt and anything else: not needed at run time
        }

        JibContainerBuilder builder = Jib.from("tar://" + base)
                .addFileEntriesLayer(deps.build())
                .addFileEntriesLayer(platform.build())
                .addFileEntriesLayer(quarkus.build())
                .addFileEntriesLayer(generated.build())
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
