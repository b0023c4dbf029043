package dev.heavyweight.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles and means of a sample (nearest-rank percentiles; NaN for an empty sample). */
public final class Stats {

    private Stats() {
    }

    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double mean(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
