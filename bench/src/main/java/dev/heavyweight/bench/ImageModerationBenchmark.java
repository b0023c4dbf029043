package dev.heavyweight.bench;

import static dev.heavyweight.bench.Options.intOption;
import static dev.heavyweight.bench.Options.stringOption;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Image moderation latency through the whole platform: the worker's {@code image_moderation} stage time (PNG sent
 * to moderation-service, decoded and resized, {@code nsfw_mobilenet_v2} run on an emulated node through the
 * balancer, verdict back), read from each task's status document. Variants side by side: image sizes one task
 * at a time, and 512×512 with several tasks in flight (the safety model's own slot pool on each node).
 * Usage: {@code bench/moderation/run-image [--tasks N] [--warmup N]}.
 */
public final class ImageModerationBenchmark {

    private record Variant(String name, int size, int concurrency) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("256×256, one at a time", 256, 1),
            new Variant("512×512, one at a time", 512, 1),
            new Variant("1024×1024, one at a time", 1024, 1),
            new Variant("512×512, 8 in flight", 512, 8));

    private ImageModerationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = intOption(args, "--tasks", 60);
        int warmup = intOption(args, "--warmup", 15);
        Path outDir = Path.of(stringOption(args, "--out", "bench/results"));
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        try (Platform platform = Platform.builder("bench-image-moderation")
                .nodes(2)
                .stepTime(Duration.ofMillis(1))
                .workers(1)
                .config("inference-worker", "heavyweight.worker.slots", "8")
                .start()) {
            GatewayClient gateway = platform.gateway();
            run(gateway, new Variant("warm-up", 512, 4), warmup);
            for (Variant variant : VARIANTS) {
                double[] ms = run(gateway, variant, tasks);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", variant.size());
                row.put("concurrency", variant.concurrency());
                row.put("tasks", ms.length);
                row.put("p50_ms", percentile(ms, 0.50));
                row.put("p95_ms", percentile(ms, 0.95));
                row.put("max_ms", ms.length == 0 ? 0 : ms[ms.length - 1]);
                results.put(variant.name(), row);
            }
        }
        StringBuilder table = new StringBuilder("\n| image moderation (worker stage, through the balancer) | tasks | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n");
        results.forEach((name, row) -> table.append(String.format("| %s | %s | %.0f | %.0f | %.0f |%n", name, row.get("tasks"),
                (double) row.get("p50_ms"), (double) row.get("p95_ms"), (double) row.get("max_ms"))));
        System.out.println(table);
        Files.createDirectories(outDir);
        Path out = outDir.resolve("image-moderation-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(),
                Map.of("tasks_per_variant", tasks, "warmup", warmup, "results", results));
        System.out.println("results written to " + out);
    }

    /** Submits {@code count} tasks of the variant and returns their image_moderation stage times, sorted. */
    private static double[] run(GatewayClient gateway, Variant variant, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(variant.concurrency());
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int seed = i;
                futures.add(pool.submit(() -> {
                    String id = gateway.submitAccepted(String.format(
                            "{\"prompt\":\"a quiet harbour at dusk, watercolour\",\"width\":%d,\"height\":%d,\"steps\":1,\"seed\":%d}",
                            variant.size(), variant.size(), seed));
                    JsonNode done = gateway.awaitFinal(id, Duration.ofMinutes(2));
                    if (!"succeeded".equals(done.path("status").asText())) {
                        throw new IllegalStateException("task " + id + " did not succeed: " + done);
                    }
                    return done.path("timings").path("image_moderation_ms").asDouble();
                }));
            }
            double[] ms = new double[futures.size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = futures.get(i).get();
            }
            Arrays.sort(ms);
            return ms;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
