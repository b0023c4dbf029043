package dev.heavyweight.emulator.service;

import io.grpc.Status;

import java.util.List;
import java.util.function.Consumer;

/** Writes down how each call to one node ended: into the node's Triton counters and to the fleet's sink. */
final class NodeJournal {

    private final int index;
    private final String address;
    private final NodeClock clock;
    private final Consumer<Execution> sink;
    private final NodeStats stats;
    private long completedTotal;

    NodeJournal(int index, String address, NodeClock clock, Consumer<Execution> sink, List<String> models) {
        this.index = index;
        this.address = address;
        this.clock = clock;
        this.sink = sink;
        this.stats = new NodeStats(models);
    }

    /** The node is done with a job that reached it, now. */
    void ended(NodeJob job, Status.Code code) {
        ended(job, code, clock.nanoTime());
    }

    /** The node was done with a job that reached it at {@code endedNanos}. */
    void ended(NodeJob job, Status.Code code, long endedNanos) {
        record(execution(job.id(), job.request().model().name(), job.request().steps(), job.arrivedNanos(),
                job.startedNanos(), code, endedNanos, job.traceparent()));
    }

    /** The node is done, now, with a call that arrived and started (-1: never) at these times. */
    void ended(String id, String model, int steps, long arrivedNanos, long startedNanos, Status.Code code) {
        record(execution(id, model, steps, arrivedNanos, startedNanos, code, clock.nanoTime(), null));
    }

    /** A call was refused, now, before it reached the queue. */
    void refused(String id, String model, int steps, long arrivedNanos, Status.Code code) {
        record(execution(id, model, steps, arrivedNanos, -1, code, clock.nanoTime(), null));
    }

    /** A call that arrived and started (-1: never) at these times and ended at {@code now}. */
    private Execution execution(String id, String model, int steps, long arrivedNanos, long startedNanos,
                                Status.Code code, long now, String traceparent) {
        long queuedUntil = startedNanos < 0 ? now : startedNanos;
        return new Execution(id, index, address, model, millis(arrivedNanos),
                startedNanos < 0 ? null : millis(startedNanos), millis(now), code, steps,
                micros(queuedUntil - arrivedNanos), startedNanos < 0 ? 0 : micros(now - startedNanos), traceparent);
    }

    NodeStats stats() {
        return stats;
    }

    synchronized long completedTotal() {
        return completedTotal;
    }

    private void record(Execution execution) {
        synchronized (this) {
            completedTotal++;
        }
        stats.add(execution);
        sink.accept(execution);
    }

    private long millis(long nanos) {
        return clock.epochMillis(nanos);
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1000);
    }
}
