package dev.heavyweight.balancer.scheduler;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A node's state at one instant, for the admin API, metrics and readiness. {@link #slots()}, {@link #capacity()},
 * {@link #inflight()}, {@link #freeSlots()} and {@link #busySeconds()} describe the shared pool (the node's
 * {@code slots-per-node}); {@code pools} has every pool, the shared one first.
 *
 * @param serviceSeconds expected service time per model: the EWMA, or the initial estimate before any sample
 * @param ejections      times the node was ejected since it joined
 */
public record NodeSnapshot(String address, NodeHealth health, boolean draining, Set<String> readyModels,
                           Map<String, Double> serviceSeconds, long dispatched, long failed, long ejections,
                           Map<String, PoolSnapshot> pools) {

    /** {@code draining} while draining, else the health in lower case. */
    public String state() {
        return draining ? "draining" : health.name().toLowerCase(Locale.ROOT);
    }

    public boolean accepting() {
        return capacity() > 0;
    }

    public PoolSnapshot pool(String name) {
        return pools.get(name);
    }

    public int slots() {
        return shared().slots();
    }

    /** Shared slots new work may use now (0 while ejected, joining or draining; 1 while readmitting). */
    public int capacity() {
        return shared().capacity();
    }

    public int inflight() {
        return shared().inflight();
    }

    public int freeSlots() {
        return shared().freeSlots();
    }

    public double busySeconds() {
        return shared().busySeconds();
    }

    /** Requests in flight on the node over all pools. */
    public int totalInflight() {
        return pools.values().stream().mapToInt(PoolSnapshot::inflight).sum();
    }

    private PoolSnapshot shared() {
        return pools.get(SchedulerSettings.SHARED_POOL);
    }
}
