package dev.heavyweight.emulator.service;

import io.grpc.Status;

/**
 * The faults injected into one node.
 *
 * @param failNext how many of the next requests fail with {@code status}
 * @param failRate probability that a request fails with {@code status}
 * @param status   gRPC status of injected failures (never OK)
 * @param hang     whether every request hangs
 * @param hangNext how many of the next requests hang
 * @param hangRate probability that a request hangs
 */
public record FaultPlan(int failNext, double failRate, Status.Code status, boolean hang, int hangNext,
                        double hangRate) {

    /** No faults; failures, once asked for, are UNAVAILABLE. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, Status.Code.UNAVAILABLE, false, 0, 0);

    public FaultPlan {
        if (failNext < 0) {
            throw new IllegalArgumentException("fail_next must not be negative, was " + failNext);
        }
        if (hangNext < 0) {
            throw new IllegalArgumentException("hang_next must not be negative, was " + hangNext);
        }
        probability("fail_rate", failRate);
        probability("hang_rate", hangRate);
        if (status == null || status == Status.Code.OK) {
            throw new IllegalArgumentException("a fault needs an error status, not " + status);
        }
    }

    FaultPlan withFailNext(int remaining) {
        return new FaultPlan(remaining, failRate, status, hang, hangNext, hangRate);
    }

    FaultPlan withHangNext(int remaining) {
        return new FaultPlan(failNext, failRate, status, hang, remaining, hangRate);
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
