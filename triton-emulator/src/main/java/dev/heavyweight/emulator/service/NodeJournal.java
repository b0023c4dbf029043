package dev.heavyweight.emulator.service;

import io.grpc.Status;

import java.util.function.Consumer;

/** Writes down how each call to one node ended: into the node's Triton counters and to the fleet's sink. */
final class NodeJournal {

    private final int index;
    private final String address;
    private final NodeClock clock;
    private final Consumer<Execution> sink;
    private final NodeStats stats = new NodeStats();
    private long completedTotal;

    NodeJournal(int index, String address, NodeClock clock, Consumer<Execution> sink) {
        this.index = index;
        this.address = address;
        this.clock = clock;
        this.sink = sink;
    }

    /** The node is done with a job that reached it, now. */
    void ended(NodeJob job, Status.Code code) {
        long now = clock.nanoTime();
        long started = job.startedNanos();
        GenerationRequest r = job.request();
        long queuedUntil = started < 0 ? now : started;
        record(new Execution(job.id(), index, address, r.model().name(), millis(job.arrivedNanos()),
                started < 0 ? null : millis(started), millis(now), code, r.steps(),
                micros(queuedUntil - job.arrivedNanos()), started < 0 ? 0 : micros(now - started)));
    }

    /** A call was refused, now, before it reached the queue. */
    void refused(String id, String model, int steps, long arrivedNanos, Status.Code code) {
        long now = clock.nanoTime();
        record(new Execution(id, index, address, model, millis(arrivedNanos), null, millis(now), code, steps,
                micros(now - arrivedNanos), 0));
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
