package dev.heavyweight.emulator.service;

import java.util.concurrent.CompletableFuture;

/**
 * One safety-model call on a node: waiting for a pool thread, running, done. Its result completes with the
 * probabilities, with a {@link NodeCrashedException} if the node crashed under it, exceptionally with an
 * UNAVAILABLE status when the pool's queue is full, or is cancelled when the caller left first. The lane's
 * lock guards the mutable fields.
 */
public final class SafetyJob {

    private final String id;
    private final boolean hangs;
    private final long arrivedNanos;
    private final CompletableFuture<float[]> result = new CompletableFuture<>();
    private long startedNanos = -1;
    private boolean callerGone;

    SafetyJob(String id, boolean hangs, long arrivedNanos) {
        this.id = id;
        this.hangs = hangs;
        this.arrivedNanos = arrivedNanos;
    }

    public CompletableFuture<float[]> result() {
        return result;
    }

    String id() {
        return id;
    }

    /** A hanging job is never run: it is answered by nothing until its caller gives up. */
    boolean hangs() {
        return hangs;
    }

    long arrivedNanos() {
        return arrivedNanos;
    }

    void started(long nanos) {
        startedNanos = nanos;
    }

    /** When it got a pool thread (or, hanging, was accepted), or -1. */
    long startedNanos() {
        return startedNanos;
    }

    void callerGone() {
        callerGone = true;
    }

    boolean isCallerGone() {
        return callerGone;
    }
}
