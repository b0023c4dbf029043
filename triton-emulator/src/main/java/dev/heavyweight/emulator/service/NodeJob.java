package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.tensor.RgbImage;

import java.util.concurrent.CompletableFuture;

/**
 * One request's passage through a node: queued, holding a slot, done. Its result completes with the image,
 * with a {@link NodeCrashedException} if the node crashed under it, or is cancelled when the caller gave up
 * while it waited or hung. The node's lock guards the mutable fields.
 */
public final class NodeJob {

    private final String id;
    private final GenerationRequest request;
    private final boolean hangs;
    private final long arrivedNanos;
    private final CompletableFuture<RgbImage> result = new CompletableFuture<>();
    private final String traceparent;
    private long startedNanos = -1;
    private boolean callerGone;

    NodeJob(String id, GenerationRequest request, boolean hangs, long arrivedNanos, String traceparent) {
        this.id = id;
        this.request = request;
        this.hangs = hangs;
        this.arrivedNanos = arrivedNanos;
        this.traceparent = traceparent;
    }

    /** The W3C trace context the call came with; null if none. */
    String traceparent() {
        return traceparent;
    }

    public CompletableFuture<RgbImage> result() {
        return result;
    }

    String id() {
        return id;
    }

    GenerationRequest request() {
        return request;
    }

    /** A hanging job never finishes on its own: it holds its slot until its caller gives up. */
    boolean hangs() {
        return hangs;
    }

    long arrivedNanos() {
        return arrivedNanos;
    }

    void started(long nanos) {
        startedNanos = nanos;
    }

    /** When it got a slot, or -1. */
    long startedNanos() {
        return startedNanos;
    }

    void callerGone() {
        callerGone = true;
    }

    /** Whether the caller cancelled while the job ran (its slot stays busy until the run ends, as on a GPU). */
    boolean isCallerGone() {
        return callerGone;
    }
}
