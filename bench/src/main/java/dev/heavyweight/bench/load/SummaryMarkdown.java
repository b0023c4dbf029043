package dev.heavyweight.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The short Markdown summary of a load run. */
final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> s, Path out) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> tasks = (Map<String, Object>) s.get("tasks");
        md.append("# Load test: ").append(s.get("requests_offered")).append(" submissions at ")
                .append(s.get("offered_rate_per_second")).append("/s\n\n");
        md.append("Fleet: ").append(s.get("fleet")).append(". Report: `").append(out.getFileName())
                .append("/gatling/` (Gatling HTML), `summary.json`, PNG charts.\n\n");
        md.append(String.format(Locale.ROOT, "- accepted: %s tasks, %.1f/s (first to last 202)%n", tasks.get("accepted"),
                (Double) tasks.get("accepted_per_second")));
        md.append("- terminal states: ").append(tasks.get("by_state")).append("; unfinished after the drain: ")
                .append(s.get("unfinished_after_drain")).append("\n");
        md.append("- Gatling exit code: ").append(s.get("gatling_exit_code")).append("\n\n");
        md.append("| request | count | OK | KO | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|---|\n");
        ((Map<String, Map<String, Object>>) s.get("gatling_requests")).forEach((name, f) -> md.append(String.format(
                Locale.ROOT, "| %s | %s | %s | %s | %.0f | %.0f | %.0f |%n", name, f.get("requests"), f.get("ok"),
                f.get("ko"), ms(f.get("p50_ms")), ms(f.get("p95_ms")), ms(f.get("p99_ms")))));
        md.append("\n| lane | end to end p50 / p95 / p99 (s) | queue wait p50 / p95 / p99 (s) |\n|---|---|---|\n");
        Map<String, Map<String, Double>> e2e = (Map<String, Map<String, Double>>) tasks.get("end_to_end_seconds");
        Map<String, Map<String, Double>> wait = (Map<String, Map<String, Double>>) tasks.get("queue_wait_seconds");
        e2e.forEach((lane, p) -> {
            Map<String, Double> w = wait.getOrDefault(lane, Map.of());
            md.append(String.format(Locale.ROOT, "| %s | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f |%n", lane, p.get("p50"),
                    p.get("p95"), p.get("p99"), w.getOrDefault("p50", Double.NaN), w.getOrDefault("p95", Double.NaN),
                    w.getOrDefault("p99", Double.NaN)));
        });
        md.append("\nGPU busy per node (busy slot time ÷ run time): ");
        ((Map<String, Double>) s.get("gpu_busy_fraction_per_node")).forEach((node, busy) ->
                md.append(String.format(Locale.ROOT, "%s %.2f; ", node, busy)));
        JsonNode e = (JsonNode) s.get("economics");
        md.append(String.format(Locale.ROOT, "%n%nEconomics (GET /v1/admin/economics over the run): %d images, utilisation %s, "
                        + "cost %.4f %s, cost per image %s, kcal per image %s.%n", e.path("images").asLong(),
                fmt(e.path("utilisation").asDouble()), e.path("cost").asDouble(), e.path("currency").asText(),
                fmt(e.path("cost_per_image").asDouble()), fmt(e.path("kcal_per_image").asDouble())));
        Object curve = s.get("cost_curve");
        if (curve instanceof List<?> points) {
            md.append("\n| offered load | images | utilisation | cost per image | kcal per image |\n|---|---|---|---|---|\n");
            for (Object o : points) {
                Map<String, Object> p = (Map<String, Object>) o;
                md.append(String.format(Locale.ROOT, "| %.0f %% | %s | %s | %s | %s |%n", (Double) p.get("offered_load") * 100,
                        p.get("images"), fmt(p.get("utilisation")), fmt(p.get("cost_per_image")), fmt(p.get("kcal_per_image"))));
            }
        }
        return md.toString();
    }

    private static String fmt(Object value) {
        // Four significant digits: costs per image are fractions of a cent.
        return value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(value);
    }

    private static double ms(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
