package dev.heavyweight.bench.load;

import dev.heavyweight.bench.Stats;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the task table says about the run: tasks per terminal state, and latency percentiles per lane. */
record TaskFigures(Map<String, Long> states, Map<String, Map<String, Double>> endToEnd,
        Map<String, Map<String, Double>> queueWait, Map<Long, Long> finishedPerSecond, double acceptedPerSecond,
        long accepted) {

    static TaskFigures read(Instant since) throws Exception {
        Map<String, Long> states = new TreeMap<>();
        Map<String, List<Double>> e2e = new TreeMap<>();
        Map<String, List<Double>> wait = new TreeMap<>();
        Map<Long, Long> perSecond = new TreeMap<>();
        long first = Long.MAX_VALUE, last = 0, accepted = 0;
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement("""
                        SELECT state, lane, created_at, finished_at, queue_wait_ms FROM tasks
                        WHERE tenant = ? AND created_at >= ? AND prompt NOT IN ('warm up', 'cost curve')""")) {
            query.setString(1, Platform.TENANT);
            query.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    accepted++;
                    String state = rows.getString(1).toLowerCase();
                    String lane = rows.getString(2);
                    long created = rows.getTimestamp(3).getTime();
                    first = Math.min(first, created);
                    last = Math.max(last, created);
                    states.merge(state, 1L, Long::sum);
                    Timestamp finished = rows.getTimestamp(4);
                    if ("succeeded".equals(state) && finished != null) {
                        e2e.computeIfAbsent(lane, l -> new ArrayList<>()).add((finished.getTime() - created) / 1000.0);
                        perSecond.merge((finished.getTime() - since.toEpochMilli()) / 1000, 1L, Long::sum);
                        long waited = rows.getLong(5);
                        if (!rows.wasNull()) {
                            wait.computeIfAbsent(lane, l -> new ArrayList<>()).add(waited / 1000.0);
                        }
                    }
                }
            }
        }
        double span = accepted > 1 ? (last - first) / 1000.0 : Double.NaN;
        return new TaskFigures(states, percentiles(e2e), percentiles(wait), perSecond, accepted / span, accepted);
    }

    private static Map<String, Map<String, Double>> percentiles(Map<String, List<Double>> values) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        values.forEach((lane, list) -> {
            Map<String, Double> p = new LinkedHashMap<>();
            for (double q : new double[] {50, 90, 95, 99}) {
                p.put("p" + (int) q, Stats.percentile(list, q));
            }
            p.put("max", Stats.percentile(list, 100));
            out.put(lane, p);
        });
        return out;
    }

    Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", accepted);
        out.put("accepted_per_second", acceptedPerSecond);
        out.put("by_state", states);
        out.put("end_to_end_seconds", endToEnd);
        out.put("queue_wait_seconds", queueWait);
        return out;
    }
}
