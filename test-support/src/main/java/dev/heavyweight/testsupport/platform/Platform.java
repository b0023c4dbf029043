package dev.heavyweight.e2e;

import dev.heavyweight.testsupport.FreePorts;
import dev.heavyweight.testsupport.S3ProxyServer;
import dev.heavyweight.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as real processes: s3proxy, a two-node Triton emulator, balancer, moderation-service,
 * task-service, inference-worker and gateway, each started from its packaged jar on free ports,
 * against the machine's real PostgreSQL (database {@code heavyweight_e2e}, re-created) and RabbitMQ
 * (virtual host {@code heavyweight-e2e}, emptied).
 */
public final class Platform implements AutoCloseable {

    public static final String DATABASE = "heavyweight_e2e";
    public static final String VHOST = "heavyweight-e2e";
    public static final String BUCKET = "heavyweight-results";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Path work;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new HashMap<>();
    private S3ProxyServer s3;
    private int gatewayPort;

    private Platform(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    public static Platform start() {
        Path root = Path.of(System.getProperty("heavyweight.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("heavyweight.e2e.work", "target/e2e")).toAbsolutePath();
        Platform platform = new Platform(root, work);
        try {
            platform.boot();
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String httpUrl(String service) {
        return "http://127.0.0.1:" + httpPorts.get(service);
    }

    public S3ProxyServer s3() {
        return s3;
    }

    public ServiceProcess process(String name) {
        return processes.get(name);
    }

    private void boot() {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Infrastructure.recreateDatabase(DATABASE);
        Infrastructure.resetVirtualHost(VHOST);
        s3 = S3ProxyServer.start(work.resolve("s3"));

        int nodeBase = FreePorts.nextRange(2);
        int balancerGrpc = FreePorts.next();
        int moderationGrpc = FreePorts.next();
        int taskGrpc = FreePorts.next();
        gatewayPort = FreePorts.next();

        Map<String, String> rabbit = Map.of(
                "heavyweight.rabbitmq.virtual-host", VHOST);
        Map<String, String> database = Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + DATABASE,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);

        launch("triton-emulator", Map.of(
                "heavyweight.emulator.base-port", String.valueOf(nodeBase),
                "heavyweight.emulator.nodes", "2",
                "heavyweight.emulator.step-time", "2ms"));
        launch("moderation-service", Map.of(
                "quarkus.grpc.server.port", String.valueOf(moderationGrpc),
                "heavyweight.moderation.blocklist.violence", "kill,murder"));
        awaitReady("triton-emulator");
        launch("balancer", Map.of(
                "quarkus.grpc.server.port", String.valueOf(balancerGrpc),
                "heavyweight.balancer.nodes", "127.0.0.1:" + nodeBase + ",127.0.0.1:" + (nodeBase + 1)));
        awaitReady("moderation-service");
        launch("task-service", merge(rabbit, database, Map.of(
                "quarkus.grpc.server.port", String.valueOf(taskGrpc),
                "quarkus.grpc.clients.moderation.port", String.valueOf(moderationGrpc))));
        launch("inference-worker", merge(rabbit, s3.quarkusConfig(), Map.of(
                "quarkus.grpc.clients.balancer.port", String.valueOf(balancerGrpc))));
        Map<String, String> gateway = new HashMap<>(merge(s3.quarkusConfig(), Map.of(
                "quarkus.grpc.clients.tasks.port", String.valueOf(taskGrpc))));
        gateway.put("quarkus.http.port", String.valueOf(gatewayPort));
        launch("gateway-service", gateway);
        for (String name : List.of("balancer", "task-service", "inference-worker", "gateway-service")) {
            awaitReady(name);
        }
    }

    private void launch(String module, Map<String, String> config) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the modules first (mvn verify at the root)");
        }
        Map<String, String> properties = new HashMap<>(config);
        int httpPort = properties.containsKey("quarkus.http.port")
                ? Integer.parseInt(properties.get("quarkus.http.port")) : FreePorts.next();
        properties.put("quarkus.http.port", String.valueOf(httpPort));
        properties.put("quarkus.log.console.color", "false");
        httpPorts.put(module, httpPort);
        ServiceProcess process = ServiceProcess.javaJar(module, jar, properties, List.of(), work.resolve("logs"));
        processes.put(module, process.start());
    }

    /** Waits for the service's readiness endpoint. */
    public void awaitReady(String module) {
        processes.get(module).awaitHttpOk(httpUrl(module) + "/q/health/ready", READY_TIMEOUT);
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... maps) {
        Map<String, String> merged = new HashMap<>();
        for (Map<String, String> map : maps) {
            merged.putAll(map);
        }
        return merged;
    }

    @Override
    public void close() {
        List<ServiceProcess> reverse = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reverse);
        for (ServiceProcess process : reverse) {
            process.stop(Duration.ofSeconds(15));
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
