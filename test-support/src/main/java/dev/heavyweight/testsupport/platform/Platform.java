package dev.heavyweight.testsupport.platform;

import dev.heavyweight.testsupport.FreePorts;
import dev.heavyweight.testsupport.S3ProxyServer;
import dev.heavyweight.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as real processes: s3proxy, a Triton emulator, balancer, moderation-service,
 * task-service, one or more inference-workers and the gateway, each started from its packaged jar on
 * free ports, against the machine's real PostgreSQL (database {@code heavyweight_e2e}, re-created) and
 * RabbitMQ (virtual host {@code heavyweight-e2e}, emptied). Processes can be killed, stopped and
 * started again by name, as an operator (or a crash) would.
 */
public final class Platform implements AutoCloseable {

    public static final String DATABASE = "heavyweight_e2e";
    public static final String VHOST = "heavyweight-e2e";
    public static final String BUCKET = "heavyweight-results";
    public static final String EMULATOR = "triton-emulator";
    public static final String BALANCER = "balancer";
    public static final String MODERATION = "moderation-service";
    public static final String TASKS = "task-service";
    public static final String GATEWAY = "gateway-service";
    private static final String WORKER_MODULE = "inference-worker";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Builder options;
    private final Path root;
    private final Path work;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new HashMap<>();
    private S3ProxyServer s3;

    private Platform(Builder options) {
        this.options = options;
        this.root = Path.of(System.getProperty("heavyweight.root", "..")).toAbsolutePath().normalize();
        this.work = Path.of(System.getProperty("heavyweight.e2e.work", "target/e2e")).toAbsolutePath()
                .resolve(options.name);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The default platform: two emulated nodes, one worker. */
    public static Platform start() {
        return builder("default").start();
    }

    /** Name of the i-th worker process (1-based). */
    public static String worker(int i) {
        return WORKER_MODULE + "-" + i;
    }

    public String gatewayUrl() {
        return httpUrl(GATEWAY);
    }

    public String httpUrl(String service) {
        return "http://127.0.0.1:" + httpPorts.get(service);
    }

    public S3ProxyServer s3() {
        return s3;
    }

    public ServiceProcess process(String name) {
        ServiceProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + "; running: " + processes.keySet());
        }
        return process;
    }

    /** Starts a stopped or killed process again and waits until it is ready. */
    public void restart(String name) {
        process(name).start();
        awaitReady(name);
    }

    /** Waits for the service's readiness endpoint. */
    public void awaitReady(String name) {
        process(name).awaitHttpOk(httpUrl(name) + "/q/health/ready", READY_TIMEOUT);
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

        int nodeBase = FreePorts.nextRange(options.nodes);
        int balancerGrpc = FreePorts.next();
        int moderationGrpc = FreePorts.next();
        int taskGrpc = FreePorts.next();
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < options.nodes; i++) {
            nodes.add("127.0.0.1:" + (nodeBase + i));
        }
        Map<String, String> rabbit = Map.of("heavyweight.rabbitmq.virtual-host", VHOST,
                "heavyweight.rabbitmq.reconnect-interval", "1s");

        launch(EMULATOR, EMULATOR, Map.of(
                "heavyweight.emulator.base-port", String.valueOf(nodeBase),
                "heavyweight.emulator.nodes", String.valueOf(options.nodes),
                "heavyweight.emulator.step-time", options.stepTime.toMillis() + "ms"));
        launch(MODERATION, MODERATION, Map.of(
                "quarkus.grpc.server.port", String.valueOf(moderationGrpc),
                "heavyweight.moderation.blocklist.violence", "kill,murder"));
        awaitReady(EMULATOR);
        launch(BALANCER, BALANCER, Map.of(
                "quarkus.grpc.server.port", String.valueOf(balancerGrpc),
                "heavyweight.balancer.nodes", String.join(",", nodes)));
        awaitReady(MODERATION);
        launch(TASKS, TASKS, merge(rabbit, Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + DATABASE,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "quarkus.grpc.server.port", String.valueOf(taskGrpc),
                "quarkus.grpc.clients.moderation.port", String.valueOf(moderationGrpc))));
        for (int i = 1; i <= options.workers; i++) {
            launch(worker(i), WORKER_MODULE, merge(rabbit, s3.quarkusConfig(), Map.of(
                    "quarkus.grpc.clients.balancer.port", String.valueOf(balancerGrpc),
                    "heavyweight.worker.id", worker(i))));
        }
        launch(GATEWAY, GATEWAY, merge(s3.quarkusConfig(), Map.of(
                "quarkus.grpc.clients.tasks.port", String.valueOf(taskGrpc))));
        for (String name : processes.keySet()) {
            awaitReady(name);
        }
    }

    private void launch(String name, String module, Map<String, String> config) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the modules first (mvn verify at the root)");
        }
        Map<String, String> properties = new HashMap<>(config);
        properties.putAll(options.extra.getOrDefault(module, Map.of()));
        properties.putAll(options.extra.getOrDefault(name, Map.of()));
        int httpPort = FreePorts.next();
        properties.put("quarkus.http.port", String.valueOf(httpPort));
        httpPorts.put(name, httpPort);
        ServiceProcess process = ServiceProcess.javaJar(name, jar, properties, List.of(), work.resolve("logs"));
        processes.put(name, process.start());
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
        Collections.reverse(reverse);
        for (ServiceProcess process : reverse) {
            process.stop(Duration.ofSeconds(15));
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** How the platform is laid out; every option has the default the end-to-end tests use. */
    public static final class Builder {

        private final String name;
        private int nodes = 2;
        private int workers = 1;
        private Duration stepTime = Duration.ofMillis(2);
        private final Map<String, Map<String, String>> extra = new HashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Emulated Triton nodes (one slot each). */
        public Builder nodes(int count) {
            this.nodes = count;
            return this;
        }

        /** inference-worker processes. */
        public Builder workers(int count) {
            this.workers = count;
            return this;
        }

        /** Emulated time of one diffusion step on a node. */
        public Builder stepTime(Duration time) {
            this.stepTime = time;
            return this;
        }

        /**
         * A configuration property for a service: by module name (all workers: {@code inference-worker})
         * or by process name (one worker: {@link Platform#worker(int)}).
         */
        public Builder config(String service, String key, String value) {
            extra.computeIfAbsent(service, s -> new HashMap<>()).put(key, value);
            return this;
        }

        public Platform start() {
            Platform platform = new Platform(this);
            try {
                platform.boot();
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
            return platform;
        }
    }
}
