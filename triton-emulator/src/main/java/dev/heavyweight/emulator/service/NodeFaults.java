package dev.heavyweight.emulator.service;

import java.util.random.RandomGenerator;

/**
 * Faults injected into one node, by configuration or the admin API, so tests and benchmarks can see how
 * the platform copes with a failing GPU: requests fail with the status a real Triton would give
 * (UNAVAILABLE by default), or hang, holding their slot until the caller gives up.
 */
public final class NodeFaults {

    private final RandomGenerator random;
    private FaultPlan plan;

    /** {@code random} must be safe for concurrent use (e.g. {@link java.util.Random}). */
    public NodeFaults(FaultPlan plan, RandomGenerator random) {
        this.random = random;
        this.plan = plan;
    }

    /** Replaces the node's faults. */
    public synchronized void set(FaultPlan plan) {
        this.plan = plan;
    }

    /** The faults now in force, with what is left of the "next N" budgets. */
    public synchronized FaultPlan plan() {
        return plan;
    }

    /**
     * The fault the next request meets. "Fail next" is spent before "hang next"; then {@code hang} hangs
     * everything; otherwise the request fails with probability fail-rate, else hangs with probability hang-rate.
     */
    public synchronized Fault draw() {
        if (plan.failNext() > 0) {
            plan = plan.withFailNext(plan.failNext() - 1);
            return Fault.fail(plan.status());
        }
        if (plan.hangNext() > 0) {
            plan = plan.withHangNext(plan.hangNext() - 1);
            return Fault.HANG;
        }
        if (plan.hang()) {
            return Fault.HANG;
        }
        if (plan.failRate() > 0 && random.nextDouble() < plan.failRate()) {
            return Fault.fail(plan.status());
        }
        if (plan.hangRate() > 0 && random.nextDouble() < plan.hangRate()) {
            return Fault.HANG;
        }
        return Fault.NONE;
    }
}
