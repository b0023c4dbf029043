package dev.heavyweight.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures of one workload under one policy. */
record WorkloadResult(
        String workload,
        String policy,
        int submitted,
        int succeeded,
        int failed,
        double makespanSeconds,
        double throughputPerSecond,
        double idealPerSecond,
        double throughputRatio,
        double meanServiceSeconds,
        Map<String, Percentiles> latencySeconds,
        Map<String, Percentiles> queueWaitSeconds,
        Map<Integer, Double> nodeBusyFraction) {

    record Percentiles(int count, double p50, double p95, double p99) {

        static Percentiles of(List<Double> values) {
            return new Percentiles(values.size(), Stats.percentile(values, 50), Stats.percentile(values, 95),
                    Stats.percentile(values, 99));
        }
    }

    static WorkloadResult of(String workload, String policy, Fleet fleet, int submitted, List<TaskRecord> tasks) {
        List<TaskRecord> done = tasks.stream().filter(t -> t.succeeded() && t.execution() != null).toList();
        Instant first = tasks.stream().map(TaskRecord::createdAt).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant last = done.stream().map(TaskRecord::finishedAt).max(Instant::compareTo).orElse(first);
        double makespan = TaskRecord.seconds(first, last);
        double throughput = makespan > 0 ? done.size() / makespan : 0;

        Map<String, List<Double>> latency = new TreeMap<>();
        Map<String, List<Double>> wait = new TreeMap<>();
        Map<Integer, Double> busy = new TreeMap<>();
        List<Double> service = new ArrayList<>();
        for (int node = 0; node < fleet.speeds().size(); node++) {
            busy.put(node, 0.0);
        }
        for (TaskRecord task : done) {
            latency.computeIfAbsent(task.lane(), k -> new ArrayList<>()).add(task.latencySeconds());
            wait.computeIfAbsent(task.lane(), k -> new ArrayList<>()).add(task.queueWaitSeconds());
            service.add(task.execution().serviceSeconds());
            busy.merge(task.execution().node(), task.execution().serviceSeconds(), Double::sum);
        }
        busy.replaceAll((node, seconds) -> makespan > 0 ? seconds / makespan : 0);
        Map<String, Percentiles> latencies = new TreeMap<>();
        latency.forEach((lane, values) -> latencies.put(lane, Percentiles.of(values)));
        Map<String, Percentiles> waits = new TreeMap<>();
        wait.forEach((lane, values) -> waits.put(lane, Percentiles.of(values)));
        return new WorkloadResult(workload, policy, submitted, done.size(), submitted - done.size(), makespan,
                throughput, fleet.idealThroughput(), throughput / fleet.idealThroughput(), Stats.mean(service),
                latencies, waits, busy);
    }
}
