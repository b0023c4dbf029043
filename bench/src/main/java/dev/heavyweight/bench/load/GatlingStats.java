package dev.heavyweight.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Per request name, what Gatling's report counted ({@code js/stats.json} of the run's report folder): requests,
 * OK, KO, mean and percentile response times in ms (Gatling's defaults: p50, p75, p95, p99).
 */
final class GatlingStats {

    private GatlingStats() {
    }

    static Map<String, Map<String, Object>> read(Path resultsFolder) throws IOException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Path stats;
        try (Stream<Path> files = Files.walk(resultsFolder)) {
            stats = files.filter(p -> p.endsWith(Path.of("js", "stats.json"))).findFirst().orElse(null);
        }
        if (stats == null) {
            return out;
        }
        JsonNode root = new ObjectMapper().readTree(stats.toFile());
        out.put("all requests", figures(root.path("stats")));
        root.path("contents").forEach(request -> out.put(request.path("name").asText(), figures(request.path("stats"))));
        return out;
    }

    private static Map<String, Object> figures(JsonNode stats) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requests", stats.path("numberOfRequests").path("total").asLong());
        f.put("ok", stats.path("numberOfRequests").path("ok").asLong());
        f.put("ko", stats.path("numberOfRequests").path("ko").asLong());
        f.put("mean_ms", stats.path("meanResponseTime").path("total").asDouble());
        f.put("p50_ms", stats.path("percentiles1").path("total").asDouble());
        f.put("p95_ms", stats.path("percentiles3").path("total").asDouble());
        f.put("p99_ms", stats.path("percentiles4").path("total").asDouble());
        f.put("per_second", stats.path("meanNumberOfRequestsPerSecond").path("total").asDouble());
        return f;
    }
}
