package dev.heavyweight.emulator.service;

import io.grpc.Status;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults injected into one node, by configuration or the admin API, so tests and benchmarks can see how
 * the platform copes with a failing GPU: the next N requests fail, or each request fails with a given
 * probability, with the gRPC status a real Triton would give (UNAVAILABLE by default).
 */
public final class NodeFaults {

    private int failNext;
    private double failRate;
    private Status.Code status;

    public NodeFaults(double failRate, Status.Code status) {
        set(0, failRate, status);
    }

    /** Replaces the node's faults. */
    public synchronized void set(int failNext, double failRate, Status.Code status) {
        if (failNext < 0) {
            throw new IllegalArgumentException("fail_next must not be negative, was " + failNext);
        }
        if (failRate < 0 || failRate > 1) {
            throw new IllegalArgumentException("fail_rate must be between 0 and 1, was " + failRate);
        }
        if (status == Status.Code.OK) {
            throw new IllegalArgumentException("a fault needs an error status, not OK");
        }
        this.failNext = failNext;
        this.failRate = failRate;
        this.status = status;
    }

    /** The failure the next request meets, if any; consumes one of the "fail next" budget. */
    public synchronized Optional<Status> draw() {
        if (failNext > 0) {
            failNext--;
            return Optional.of(injected());
        }
        if (failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate) {
            return Optional.of(injected());
        }
        return Optional.empty();
    }

    public synchronized int failNext() {
        return failNext;
    }

    public synchronized double failRate() {
        return failRate;
    }

    public synchronized Status.Code status() {
        return status;
    }

    private Status injected() {
        return Status.fromCode(status).withDescription("injected fault");
    }
}
