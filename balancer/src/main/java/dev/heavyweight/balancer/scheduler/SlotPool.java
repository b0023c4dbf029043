package dev.heavyweight.balancer.scheduler;

/**
 * One pool of a node's slots: the node's own ({@link SchedulerSettings#SHARED_POOL}) or a model's (as Triton
 * gives every model its own instance group, a fast model runs beside the slow ones, never waiting for them).
 * A failure streak per pool, so that a busy healthy pool cannot hide a failing one. Not thread-safe: used under
 * the scheduler's lock.
 */
final class SlotPool {

    private final int slots;
    private int inflight;
    private int failureStreak;
    private long busyNanos;

    SlotPool(int slots) {
        this.slots = slots;
    }

    int slots() {
        return slots;
    }

    int inflight() {
        return inflight;
    }

    void started() {
        inflight++;
    }

    /** @return the failures in a row of this pool, counting this request */
    int finished(long serviceNanos, Outcome outcome) {
        inflight--;
        busyNanos += serviceNanos;
        if (outcome == Outcome.SUCCESS) {
            failureStreak = 0;
        } else if (outcome == Outcome.NODE_FAILURE) {
            failureStreak++;
        }
        return failureStreak;
    }

    void forgetFailures() {
        failureStreak = 0;
    }

    PoolSnapshot snapshot(int capacity) {
        return new PoolSnapshot(slots, capacity, inflight, busyNanos / 1e9);
    }
}
