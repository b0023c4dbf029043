package dev.heavyweight.bench;

import java.time.Instant;

/** One request a node ran, as the emulator recorded it. */
record Execution(String id, int node, Instant arrivedAt, Instant startedAt, Instant finishedAt, String outcome) {

    boolean ok() {
        return "ok".equalsIgnoreCase(outcome);
    }

    double serviceSeconds() {
        return TaskRecord.seconds(startedAt, finishedAt);
    }
}
