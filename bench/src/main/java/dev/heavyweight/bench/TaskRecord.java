package dev.heavyweight.bench;

import java.time.Instant;

/** A task as task-service recorded it, joined with the GPU execution the emulator recorded for it. */
record TaskRecord(String id, String lane, String state, Instant createdAt, Instant finishedAt,
        Execution execution) {

    boolean succeeded() {
        return "SUCCEEDED".equals(state);
    }

    /** Submission to result, in seconds. */
    double latencySeconds() {
        return seconds(createdAt, finishedAt);
    }

    /** Submission to the moment a GPU slot started on it, in seconds. */
    double queueWaitSeconds() {
        return seconds(createdAt, execution.startedAt());
    }

    static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
