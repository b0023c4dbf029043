package dev.heavyweight.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Per request name, what Gatling's report counted: requests, OK, KO, rate and response-time percentiles in ms
 * (Gatling's defaults: p50, p75, p95, p99). Gatling 3.15 no longer writes {@code js/stats.json}; the figures are
 * read from the statistics table of the report's {@code index.html} (one {@code <tr>} per request name, cells
 * {@code col-2} … {@code col-14} in the order of its header: total, OK, KO, % KO, count/s, min, p50, p75, p95,
 * p99, max, mean, std dev).
 */
final class GatlingStats {

    private static final Pattern ROW = Pattern.compile(
            "<tr id=\"([^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");
    private static final String[] FIELDS = {null, null, "requests", "ok", "ko", "ko_percent", "per_second", "min_ms",
            "p50_ms", "p75_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms", "stddev_ms"};

    private GatlingStats() {
    }

    static Map<String, Map<String, Object>> read(Path resultsFolder) throws IOException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Path index;
        try (Stream<Path> files = Files.walk(resultsFolder)) {
            index = files.filter(p -> p.getFileName().toString().equals("index.html")).findFirst().orElse(null);
        }
        if (index == null) {
            return out;
        }
        Matcher row = ROW.matcher(Files.readString(index));
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(2));
            if (!name.find()) {
                continue;
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                int column = Integer.parseInt(cell.group(1));
                if (column < FIELDS.length && FIELDS[column] != null) {
                    figures.put(FIELDS[column], number(cell.group(2).trim()));
                }
            }
            String key = "ROOT".equals(row.group(1)) ? "all requests" : name.group(1);
            if (!figures.isEmpty()) {
                out.putIfAbsent(key, figures);
            }
        }
        return out;
    }

    private static Object number(String text) {
        try {
            return text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
