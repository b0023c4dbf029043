package dev.heavyweight.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.heavyweight.bench.Submitter;
import dev.heavyweight.testsupport.TestTokens;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Metrics;
import dev.heavyweight.testsupport.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/load}: starts the whole suite (6 emulated GPUs, 2 workers), runs {@link LoadSimulation} with Gatling
 * (10,000 users, one submission each), waits until every accepted task is terminal, then writes Gatling's HTML
 * report, {@code summary.json}, {@code summary.md} and PNG charts under {@code bench/results/load-<UTC>/}. With the
 * cost curve on (default), it then offers several loads for a while each and reports the cost per image and
 * utilisation at each. Exits 1 if an accepted task is not terminal after the drain wait (a lost task).
 */
public final class LoadTest {

    static final int NODES = 6;
    static final Duration STEP = Duration.ofMillis(20);
    static final int STEPS = 10;
    /** Images per second the fleet could finish with no idle GPU: nodes ÷ (steps × step time). */
    static final double IDEAL = NODES / (STEPS * STEP.toMillis() / 1000.0);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Sample(double atSeconds, double interactiveDepth, double batchDepth, double finishedPerSecond) {
    }

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        int users = 10_000;
        double rate = 12;
        boolean costCurve = true;
        int phaseSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--requests" -> users = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--no-cost-curve" -> costCurve = false;
                case "--phase-seconds" -> phaseSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --requests N --rate PER_SECOND --no-cost-curve --phase-seconds S)");
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path out = Path.of(System.getProperty("heavyweight.root", "..")).resolve("bench/results/load-" + stamp);
        Files.createDirectories(out);

        try (Platform platform = Platform.builder("load")
                .nodes(NODES).stepTime(STEP).workers(2)
                .config("inference-worker", "heavyweight.worker.slots", "8")
                .config("inference-worker", "heavyweight.worker.batch.max-slots", "6")
                .start()) {
            GatewayClient gateway = platform.gateway();
            GatewayClient admin = new GatewayClient(gateway.baseUrl(), TestTokens.admin(Platform.TENANT, "ops"));
            try (Submitter warmUp = new Submitter(gateway, STEPS)) {
                List<String> ids = warmUp.burst(60, "interactive", "warm up");
                awaitTerminal(ids.size(), Instant.now().minusSeconds(120), Duration.ofMinutes(2));
            }

            List<Sample> samples = new CopyOnWriteArrayList<>();
            Instant start = Instant.now();
            // A daemon: a failed run must not leave the JVM waiting on the sampler.
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "load-sampler");
                thread.setDaemon(true);
                return thread;
            });
            String worker = platform.httpUrl(Platform.worker(1));
            String tasks = platform.httpUrl(Platform.taskService(1));
            String tasks2 = platform.httpUrl(Platform.taskService(2));
            double[] lastFinished = {0};
            sampler.scheduleAtFixedRate(() -> {
                double finished = Metrics.sum(tasks, "heavyweight_tasks_finished_total")
                        + Metrics.sum(tasks2, "heavyweight_tasks_finished_total");
                double at = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                samples.add(new Sample(at, Metrics.sum(worker, "heavyweight_queue_depth", "lane=\"interactive\""),
                        Metrics.sum(worker, "heavyweight_queue_depth", "lane=\"batch\""),
                        lastFinished[0] == 0 ? 0 : finished - lastFinished[0]));
                lastFinished[0] = finished;
            }, 0, 1, TimeUnit.SECONDS);
            Map<String, Double> busyBefore = busySeconds(platform);

            System.setProperty("load.gateway", gateway.baseUrl());
            System.setProperty("load.token", gateway.token());
            System.setProperty("load.users", String.valueOf(users));
            System.setProperty("load.rate", String.valueOf(rate));
            System.setProperty("load.steps", String.valueOf(STEPS));
            int gatling = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "-s", LoadSimulation.class.getName(), "-rf", out.resolve("gatling").toString()});
            Instant gatlingEnd = Instant.now();
            long unfinished = awaitTerminal(-1, start, Duration.ofMinutes(5));
            Instant end = Instant.now();
            sampler.shutdownNow();
            Map<String, Double> busyAfter = busySeconds(platform);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("requests_offered", users);
            summary.put("offered_rate_per_second", rate);
            summary.put("fleet", Map.of("nodes", NODES, "step_time_ms", STEP.toMillis(), "steps", STEPS,
                    "ideal_images_per_second", IDEAL));
            summary.put("gatling_exit_code", gatling);
            summary.put("gatling_seconds", Duration.between(start, gatlingEnd).toMillis() / 1000.0);
            TaskFigures figures = TaskFigures.read(start);
            summary.put("tasks", figures.asMap());
            summary.put("unfinished_after_drain", unfinished);
            double seconds = Duration.between(start, end).toMillis() / 1000.0;
            Map<String, Double> busy = new TreeMap<>();
            busyAfter.forEach((node, after) -> busy.put(node, (after - busyBefore.getOrDefault(node, 0.0)) / seconds));
            summary.put("gpu_busy_fraction_per_node", busy);
            // The ledger accounts every second and task-service collects every second: let the last interval land.
            Thread.sleep(3_000);
            summary.put("economics", economics(admin, start, end));
            summary.put("gatling_requests", GatlingStats.read(out.resolve("gatling")));
            if (costCurve) {
                summary.put("cost_curve", costCurve(gateway, admin, phaseSeconds));
            }
            Files.writeString(out.resolve("summary.json"), JSON.writeValueAsString(summary));
            Charts.write(out, samples, figures, summary);
            String markdown = SummaryMarkdown.of(summary, out);
            Files.writeString(out.resolve("summary.md"), markdown);
            System.out.println(markdown);
            System.out.println("results written to " + out);
            if (unfinished > 0) {
                System.err.println(unfinished + " accepted tasks did not reach a terminal state: lost");
                System.exit(1);
            }
        }
    }

    /** Offers 25, 50, 75 and 100 % of the fleet's ideal throughput, each for {@code seconds}, and prices each phase. */
    private static List<Map<String, Object>> costCurve(GatewayClient gateway, GatewayClient admin, int seconds)
            throws Exception {
        List<Map<String, Object>> curve = new ArrayList<>();
        try (Submitter submitter = new Submitter(gateway, STEPS)) {
            for (double load : List.of(0.25, 0.5, 0.75, 1.0)) {
                double rate = load * IDEAL;
                Instant start = Instant.now();
                List<String> ids = submitter.poisson((int) Math.round(rate * seconds), rate, 0, "batch", "cost curve", 11);
                Instant end = Instant.now();
                awaitTerminal(-1, start, Duration.ofMinutes(3));
                Thread.sleep(3_000);
                JsonNode report = economics(admin, start, end);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("offered_load", load);
                point.put("offered_rate_per_second", rate);
                point.put("submitted", ids.size());
                double window = Duration.between(start, end).toMillis() / 1000.0;
                point.put("window_seconds", window);
                point.put("submitted_per_second", ids.size() / window);
                point.put("images", report.path("images").asLong());
                point.put("utilisation", report.path("utilisation").isNull() ? null : report.path("utilisation").asDouble());
                point.put("cost_per_image", report.path("cost_per_image").isNull() ? null : report.path("cost_per_image").asDouble());
                point.put("kcal_per_image", report.path("kcal_per_image").isNull() ? null : report.path("kcal_per_image").asDouble());
                curve.add(point);
                System.out.printf("cost curve: load %.2f → %s%n", load, point);
            }
        }
        return curve;
    }

    static JsonNode economics(GatewayClient admin, Instant from, Instant to) throws Exception {
        var response = admin.get("/v1/admin/economics?from=" + from + "&to=" + to);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("economics report: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Map<String, Double> busySeconds(Platform platform) throws Exception {
        Map<String, Double> busy = new TreeMap<>();
        String text = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(platform.httpUrl(Platform.BALANCER) + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body());
        for (String line : text.split("\n")) {
            if (line.startsWith("heavyweight_balancer_node_busy_seconds_total{") && line.contains("pool=\"shared\"")) {
                String node = line.replaceAll(".*node=\"([^\"]+)\".*", "$1");
                busy.put(node, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return busy;
    }

    /** Waits until the tenant has no unfinished task created since {@code since}; the number still unfinished. */
    static long awaitTerminal(int expectedAtLeast, Instant since, Duration patience) throws Exception {
        Instant until = Instant.now().plus(patience);
        long unfinished;
        do {
            try (Connection db = Infrastructure.database(Platform.DATABASE);
                    PreparedStatement query = db.prepareStatement("""
                            SELECT count(*) FILTER (WHERE state NOT IN ('SUCCEEDED','FAILED','REJECTED','CANCELLED','EXPIRED')),
                                   count(*) FROM tasks WHERE tenant = ? AND created_at >= ?""")) {
                query.setString(1, Platform.TENANT);
                query.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    unfinished = rows.getLong(1);
                    if (unfinished == 0 && rows.getLong(2) >= Math.max(expectedAtLeast, 0)) {
                        return 0;
                    }
                }
            }
            Thread.sleep(1_000);
        } while (Instant.now().isBefore(until));
        return unfinished;
    }
}
