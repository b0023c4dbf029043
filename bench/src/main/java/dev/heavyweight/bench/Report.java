package dev.heavyweight.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Prints one table per workload with the policies side by side. */
final class Report {

    private Report() {
    }

    static String table(String workload, List<WorkloadResult> results) {
        Map<String, Function<WorkloadResult, String>> rows = new LinkedHashMap<>();
        rows.put("tasks ok / failed", r -> r.succeeded() + " / " + r.failed());
        rows.put("makespan s", r -> num(r.makespanSeconds()));
        rows.put("throughput /s (ideal)", r -> num(r.throughputPerSecond()) + " (" + num(r.idealPerSecond()) + ")");
        rows.put("throughput ÷ ideal", r -> num(r.throughputRatio()));
        rows.put("mean service s", r -> num(r.meanServiceSeconds()));
        for (String lane : lanes(results)) {
            rows.put(lane + " latency p50/p95/p99 s", r -> percentiles(r.latencySeconds().get(lane)));
            rows.put(lane + " queue wait p50/p95/p99 s", r -> percentiles(r.queueWaitSeconds().get(lane)));
            rows.put(lane + " p95 latency ÷ mean service", r -> ratio(r.latencySeconds().get(lane), r.meanServiceSeconds()));
            rows.put(lane + " p95 queue wait ÷ mean service", r -> ratio(r.queueWaitSeconds().get(lane), r.meanServiceSeconds()));
        }
        rows.put("node busy fraction", r -> busy(r.nodeBusyFraction()));

        List<String> header = new ArrayList<>(List.of("workload: " + workload));
        results.forEach(r -> header.add(r.policy()));
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        rows.forEach((name, value) -> {
            List<String> line = new ArrayList<>(List.of(name));
            results.forEach(r -> line.add(value.apply(r)));
            lines.add(line);
        });
        return markdown(lines);
    }

    private static List<String> lanes(List<WorkloadResult> results) {
        return results.stream().flatMap(r -> r.latencySeconds().keySet().stream()).distinct().sorted().toList();
    }

    private static String markdown(List<List<String>> lines) {
        int columns = lines.get(0).size();
        int[] width = new int[columns];
        for (List<String> line : lines) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append('|');
            for (int c = 0; c < columns; c++) {
                out.append(' ').append(pad(lines.get(i).get(c), width[c])).append(" |");
            }
            out.append('\n');
            if (i == 0) {
                out.append('|');
                for (int c = 0; c < columns; c++) {
                    out.append('-').append("-".repeat(width[c])).append("-|");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }

    private static String percentiles(WorkloadResult.Percentiles p) {
        return p == null ? "—" : num(p.p50()) + " / " + num(p.p95()) + " / " + num(p.p99());
    }

    private static String ratio(WorkloadResult.Percentiles p, double mean) {
        return p == null ? "—" : num(p.p95() / mean);
    }

    private static String busy(Map<Integer, Double> fractions) {
        StringBuilder out = new StringBuilder();
        fractions.forEach((node, fraction) -> out.append(out.length() == 0 ? "" : " ").append(num(fraction)));
        return out.toString();
    }

    private static String num(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
