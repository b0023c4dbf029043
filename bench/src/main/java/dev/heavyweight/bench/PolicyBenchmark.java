package dev.heavyweight.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the same workloads through the whole platform (gateway → task-service → RabbitMQ → worker →
 * balancer → emulated GPUs) once per balancer policy, and prints the figures side by side.
 * Usage: {@code bench/run [--policies a,b] [--burst N] [--poisson N] [--load 0.9] [--flood N] [--interactive N]}.
 */
public final class PolicyBenchmark {

    private static final Fleet FLEET = new Fleet(List.of(1.0, 1.0, 1.0, 1.0, 0.5, 0.5), Duration.ofMillis(20), 10);

    private PolicyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<String, List<WorkloadResult>> byWorkload = new LinkedHashMap<>();
        for (String policy : options.policies()) {
            System.out.printf("%n== policy %s ==%n", policy);
            for (WorkloadResult result : runPolicy(policy, options)) {
                byWorkload.computeIfAbsent(result.workload(), w -> new ArrayList<>()).add(result);
            }
        }
        StringBuilder tables = new StringBuilder();
        byWorkload.forEach((workload, results) -> tables.append(Report.table(workload, results)).append('\n'));
        System.out.println();
        System.out.println(tables);

        Path out = options.out().resolve("policies-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
        Files.createDirectories(options.out());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fleet", Map.of("speeds", FLEET.speeds(), "step_time_ms", FLEET.stepTime().toMillis(),
                "steps", FLEET.steps(), "service_seconds_at_speed_1", FLEET.serviceSeconds(),
                "ideal_per_second", FLEET.idealThroughput()));
        json.put("options", options);
        json.put("results", byWorkload);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("results written to " + out);
    }

    private static List<WorkloadResult> runPolicy(String policy, Options options) throws Exception {
        List<WorkloadResult> results = new ArrayList<>();
        try (Platform platform = Platform.builder("bench-" + policy)
                .nodes(FLEET.speeds().size())
                .stepTime(FLEET.stepTime())
                .workers(2)
                .config(Platform.EMULATOR, "heavyweight.emulator.speeds", FLEET.speedsConfig())
                .config(Platform.BALANCER, "heavyweight.balancer.policy", policy)
                .config("inference-worker", "heavyweight.worker.slots", "8")
                .config("inference-worker", "heavyweight.worker.batch.max-slots", "6")
                .start();
                Submitter submitter = new Submitter(platform.gateway(), FLEET.steps())) {
            Recorder recorder = new Recorder(platform);
            // Warm-up (JIT, connection pools, the balancer's service-time estimates); not measured.
            recorder.awaitFinished(submitter.burst(60, "interactive", "warm up"), Duration.ofMinutes(2));

            if (options.burst() > 0) {
                Instant start = Instant.now();
                List<String> ids = submitter.burst(options.burst(), "interactive", "burst");
                results.add(measure("burst", policy, recorder, start, ids, options.burst()));
            }
            if (options.poisson() > 0) {
                double rate = options.load() * FLEET.idealThroughput();
                Instant start = Instant.now();
                List<String> ids = submitter.poisson(options.poisson(), rate, 0, "interactive", "poisson", 42);
                results.add(measure("poisson " + Math.round(options.load() * 100) + "% load", policy, recorder, start,
                        ids, options.poisson()));
            }
            if (options.flood() > 0) {
                Instant start = Instant.now();
                CompletableFuture<List<String>> flood = CompletableFuture.supplyAsync(() -> unchecked(
                        () -> submitter.burst(options.flood(), "batch", "flood")));
                // Interactive users keep arriving (about one a second) while the batch flood holds the fleet.
                List<String> interactive = submitter.poisson(options.interactive(), 1.0, 3_000, "interactive",
                        "during flood", 7);
                List<String> ids = new ArrayList<>(flood.get());
                ids.addAll(interactive);
                results.add(measure("batch flood + interactive", policy, recorder, start, ids,
                        options.flood() + options.interactive()));
            }
        }
        return results;
    }

    private static WorkloadResult measure(String workload, String policy, Recorder recorder, Instant start,
            List<String> ids, int submitted) throws Exception {
        recorder.awaitFinished(ids, Duration.ofMinutes(15));
        WorkloadResult result = WorkloadResult.of(workload, policy, FLEET, submitted,
                recorder.tasks(ids, recorder.executionsSince(start.minusSeconds(1))));
        System.out.printf("%s: %d ok, %d failed, makespan %.1f s, throughput %.2f/s (%.2f of ideal)%n", workload,
                result.succeeded(), result.failed(), result.makespanSeconds(), result.throughputPerSecond(),
                result.throughputRatio());
        return result;
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Work<T> work) {
        try {
            return work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Command-line options with the workload sizes as defaults. */
    record Options(List<String> policies, int burst, int poisson, double load, int flood, int interactive,
            @com.fasterxml.jackson.annotation.JsonIgnore Path out) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
                }
                given.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(
                    List.of(given.getOrDefault("policies", "least-loaded,round-robin,random").split(",")),
                    Integer.parseInt(given.getOrDefault("burst", "2000")),
                    Integer.parseInt(given.getOrDefault("poisson", "900")),
                    Double.parseDouble(given.getOrDefault("load", "0.9")),
                    Integer.parseInt(given.getOrDefault("flood", "1200")),
                    Integer.parseInt(given.getOrDefault("interactive", "40")),
                    Path.of(given.getOrDefault("out", "bench/results")));
        }
    }
}
