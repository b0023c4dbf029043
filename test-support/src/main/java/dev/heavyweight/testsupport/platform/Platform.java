package dev.heavyweight.testsupport.platform;

import dev.heavyweight.testsupport.FreePorts;
import dev.heavyweight.testsupport.TestTokens;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole suite as real processes: s3proxy, a Triton emulator, balancer, moderation-service,
 * task-service, one or more inference-workers and the gateway, each started from its packaged jar on
 * free ports, against the machine's real PostgreSQL (database {@code heavyweight_e2e}, re-created) and
 * RabbitMQ (virtual host {@code heavyweight-e2e}, emptied). Processes can be killed, stopped and
 * started again by name, as an operator (or a crash) would. Several gateways and task-services can run
 * side by side (replicas of one deployment: gateway i talks to task-service i, or to the last one).
 * Gateways verify JWTs signed by {@link TestTokens}; tenants get the generous tier {@link #TEST_TIER}
 * unless a test names another with {@link Builder#config}.
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
    /** The tenant of {@link #gateway()}. */
    public static final String TENANT = "e2e";
    /** The default tier of every tenant here: limits far above anything a test submits. */
    public static final String TEST_TIER = "unbounded";
    private static final String WORKER_MODULE = "inference-worker";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Builder options;
    private final Path root;
    private final Path work;
    /** The platform running in this JVM, if any: there can be only one (see {@link Builder#start()}). */
    private static final java.util.concurrent.atomic.AtomicReference<Platform> LIVE =
            new java.util.concurrent.atomic.AtomicReference<>();

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

    /** Name of the i-th gateway process (1-based; the first is {@link #GATEWAY}). */
    public static String gateway(int i) {
        return i == 1 ? GATEWAY : GATEWAY + "-" + i;
    }

    /** Name of the i-th task-service process (1-based; the first is {@link #TASKS}). */
    public static String taskService(int i) {
        return i == 1 ? TASKS : TASKS + "-" + i;
    }

    /** Name of the i-th worker process (1-based). */
    public static String worker(int i) {
        return WORKER_MODULE + "-" + i;
    }

    public String gatewayUrl() {
        return httpUrl(GATEWAY);
    }

    /** The first gateway, as user {@code e2e-user} of tenant {@link #TENANT}. */
    public GatewayClient gateway() {
        return gateway(1, TENANT);
    }

    /** The i-th gateway, as a user ({@code <tenant>-user}, role user) of {@code tenant}. */
    public GatewayClient gateway(int i, String tenant) {
        return new GatewayClient(httpUrl(gateway(i)), TestTokens.token(tenant, tenant + "-user", "user"));
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

    /** Every service process of the suite (not s3proxy), e.g. to read their logs. */
    public java.util.Collection<ServiceProcess> processes() {
        return java.util.List.copyOf(processes.values());
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
        List<Integer> taskGrpc = new ArrayList<>();
        for (int i = 0; i < options.taskServices; i++) {
            taskGrpc.add(FreePorts.next());
        }
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
                "quarkus.grpc.clients.balancer.port", String.valueOf(balancerGrpc)));
        awaitReady(EMULATOR);
        Map<String, String> balancer = new HashMap<>(Map.of(
                "quarkus.grpc.server.port", String.valueOf(balancerGrpc),
                "heavyweight.balancer.nodes", String.join(",", nodes),
                // Cost accounting every second, with each node's energy read from the emulator's Triton metrics.
                "heavyweight.economics.interval", "1s"));
        for (int i = 0; i < nodes.size(); i++) {
            balancer.put("heavyweight.economics.metrics-url.\"" + nodes.get(i) + "\"",
                    httpUrl(EMULATOR) + "/nodes/" + i + "/metrics");
        }
        launch(BALANCER, BALANCER, balancer);
        awaitReady(MODERATION);
        for (int i = 1; i <= options.taskServices; i++) {
            launch(taskService(i), TASKS, merge(rabbit, TEST_TIERS, Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + DATABASE,
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                    "quarkus.grpc.server.port", String.valueOf(taskGrpc.get(i - 1)),
                    "quarkus.grpc.clients.moderation.port", String.valueOf(moderationGrpc),
                    "heavyweight.task.webhooks.allowed-hosts", "127.0.0.1",
                    "heavyweight.economics.balancer-url", httpUrl(BALANCER),
                    "heavyweight.economics.collect-interval", "1s")));
        }
        for (int i = 1; i <= options.workers; i++) {
            launch(worker(i), WORKER_MODULE, merge(rabbit, s3.quarkusConfig(), Map.of(
                    "quarkus.grpc.clients.balancer.port", String.valueOf(balancerGrpc),
                    "quarkus.grpc.clients.moderation.port", String.valueOf(moderationGrpc),
                    "heavyweight.worker.id", worker(i))));
        }
        for (int i = 1; i <= options.gateways; i++) {
            int tasks = taskGrpc.get(Math.min(i, options.taskServices) - 1);
            launch(gateway(i), GATEWAY, merge(rabbit, s3.quarkusConfig(), Map.of(
                    "quarkus.grpc.clients.tasks.port", String.valueOf(tasks),
                    "mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation(),
                    "mp.jwt.verify.issuer", TestTokens.ISSUER,
                    "heavyweight.gateway.balancer.url", httpUrl(BALANCER))));
        }
        for (String name : processes.keySet()) {
            if (!options.unready.contains(name)) {
                awaitReady(name);
            }
        }
    }

    private void launch(String name, String module, Map<String, String> config) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the modules first (mvn verify at the root)");
        }
        Map<String, String> properties = new HashMap<>(config);
        // Text lines for people reading a failed test's logs; a test may ask for production's JSON per service.
        properties.put("heavyweight.log.json", "false");
        properties.putAll(options.extra.getOrDefault(module, Map.of()));
        properties.putAll(options.extra.getOrDefault(name, Map.of()));
        int httpPort = FreePorts.next();
        properties.put("quarkus.http.port", String.valueOf(httpPort));
        httpPorts.put(name, httpPort);
        ServiceProcess process = ServiceProcess.javaJar(name, jar, properties, List.of(), work.resolve("logs"));
        processes.put(name, process.start());
    }

    /** Every tenant gets {@link #TEST_TIER}: these tests measure the platform, not the limits. */
    private static final Map<String, String> TEST_TIERS = Map.of(
            "heavyweight.task.default-tier", TEST_TIER,
            "heavyweight.task.tiers." + TEST_TIER + ".priority", "5",
            "heavyweight.task.tiers." + TEST_TIER + ".rate", "1000000",
            "heavyweight.task.tiers." + TEST_TIER + ".burst", "1000000",
            "heavyweight.task.tiers." + TEST_TIER + ".max-unfinished", "1000000");

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
        LIVE.compareAndSet(this, null);
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
        private int gateways = 1;
        private int taskServices = 1;
        private Duration stepTime = Duration.ofMillis(2);
        private final Map<String, Map<String, String>> extra = new HashMap<>();
        private final Set<String> unready = new HashSet<>();

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

        /** gateway-service processes (replicas behind one load balancer, as in production). */
        public Builder gateways(int count) {
            this.gateways = count;
            return this;
        }

        /** task-service processes sharing the database (their relays split the outbox). */
        public Builder taskServices(int count) {
            this.taskServices = count;
            return this;
        }

        /** Emulated time of one diffusion step on a node. */
        public Builder stepTime(Duration time) {
            this.stepTime = time;
            return this;
        }

        /**
         * A configuration property for a service: by module name (all workers: {@code inference-worker},
         * all task-services: {@code task-service}) or by process name (one worker: {@link Platform#worker(int)}).
         */
        public Builder config(String service, String key, String value) {
            extra.computeIfAbsent(service, s -> new HashMap<>()).put(key, value);
            return this;
        }

        /** Processes (by process name) that {@link #start()} does not wait for, as the test expects them unready. */
        public Builder expectUnready(String... names) {
            unready.addAll(List.of(names));
            return this;
        }

        public Platform start() {
            Platform platform = new Platform(this);
            Platform running = LIVE.compareAndExchange(null, platform);
            if (running != null) {
                // Every platform resets the one end-to-end database and virtual host: a second one would pull
                // the tables and queues away under the first (the e2e suite orders its classes for this).
                throw new IllegalStateException("platform '" + name + "' cannot start while platform '"
                        + running.options.name + "' is running in this JVM: both use database " + DATABASE
                        + " and virtual host " + VHOST + "; close the other first");
            }
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
