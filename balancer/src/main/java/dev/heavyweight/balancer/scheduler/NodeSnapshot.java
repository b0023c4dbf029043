package dev.heavyweight.balancer.scheduler;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A node's state at one instant, for the admin API, metrics and readiness.
 *
 * @param capacity slots new work may use now (0 while ejected, joining or draining; 1 while readmitting)
 * @param serviceSeconds expected service time per model: the EWMA, or the initial estimate before any sample
 * @param busySeconds slot time used by finished requests, summed
 */
public record NodeSnapshot(String address, NodeHealth health, boolean draining, int slots, int capacity,
                           int inflight, Set<String> readyModels, Map<String, Double> serviceSeconds,
                           long dispatched, long failed, double busySeconds) {

    /** {@code draining} while draining, else the health in lower case. */
    public String state() {
        return draining ? "draining" : health.name().toLowerCase(Locale.ROOT);
    }

    public boolean accepting() {
        return capacity > 0;
    }

    public int freeSlots() {
        return Math.max(0, capacity - inflight);
    }
}
