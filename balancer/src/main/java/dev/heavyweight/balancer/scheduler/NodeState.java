package dev.heavyweight.balancer.scheduler;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node as the scheduler sees it: its slot pools (the shared one and one per model with slots of its own),
 * health, draining, requests in flight and service-time estimates. Health is the node's: a failure streak in any
 * pool ejects the whole node. Not thread-safe: only the {@link SlotScheduler} touches it, under its lock.
 */
final class NodeState {

    private final String address;
    private final long order;
    private final Map<String, SlotPool> pools = new LinkedHashMap<>();
    private final SchedulerSettings settings;
    private final Map<String, ServiceTime> serviceTimes = new HashMap<>();
    private NodeHealth health = NodeHealth.JOINING;
    private Set<String> readyModels = Set.of();
    private boolean drained;
    private boolean leaving;
    private int pollFailures;
    private int readmitSuccesses;
    private long ejectedAt;
    private long dispatched;
    private long failed;
    private long ejections;

    NodeState(String address, long order, int slots, SchedulerSettings settings) {
        if (slots < 1) {
            throw new IllegalArgumentException("node " + address + " needs at least one slot, got " + slots);
        }
        this.address = address;
        this.order = order;
        this.settings = settings;
        for (String pool : settings.pools()) {
            pools.put(pool, new SlotPool(pool.equals(SchedulerSettings.SHARED_POOL)
                    ? slots : settings.modelSlots().get(pool)));
        }
    }

    String address() {
        return address;
    }

    /** Position in the order nodes became known; round-robin follows it. */
    long order() {
        return order;
    }

    NodeHealth health() {
        return health;
    }

    /** Requests in flight over all pools. */
    int inflight() {
        return pools.values().stream().mapToInt(SlotPool::inflight).sum();
    }

    int inflight(String pool) {
        return pools.get(pool).inflight();
    }

    /** Slots of the pool new work may use now: all when ready, one while readmitting, none otherwise or draining. */
    int capacity(String pool) {
        if (!accepting()) {
            return 0;
        }
        return health == NodeHealth.READY ? pools.get(pool).slots() : 1;
    }

    boolean accepting() {
        return !drained && !leaving && (health == NodeHealth.READY || health == NodeHealth.READMITTING);
    }

    int freeSlots(String pool) {
        return Math.max(0, capacity(pool) - inflight(pool));
    }

    boolean serves(String model) {
        return !settings.trackedModels().contains(model) || readyModels.contains(model);
    }

    double expectedServiceNanos(String model) {
        ServiceTime estimate = serviceTimes.get(model);
        return estimate != null ? estimate.nanos() : settings.initialServiceNanos();
    }

    void drained(boolean value) {
        drained = value;
    }

    boolean leaving() {
        return leaving;
    }

    void leaving(boolean value) {
        leaving = value;
    }

    void pollSucceeded(Set<String> models, long now) {
        readyModels = Set.copyOf(models);
        pollFailures = 0;
        if (health == NodeHealth.JOINING) {
            health = NodeHealth.READY;
        } else if (health == NodeHealth.EJECTED && now - ejectedAt >= settings.readmitAfterNanos()) {
            health = settings.readmitSuccesses() == 0 ? NodeHealth.READY : NodeHealth.READMITTING;
            readmitSuccesses = 0;
            pools.values().forEach(SlotPool::forgetFailures);
        }
    }

    void pollFailed(long now) {
        pollFailures++;
        if (health == NodeHealth.READMITTING || health == NodeHealth.READY && pollFailures >= settings.ejectAfter()) {
            eject(now);
        }
    }

    void started(String pool) {
        pools.get(pool).started();
        dispatched++;
    }

    /**
     * Records the end of a request. Failed requests eject the node only when {@code ejectable}: the scheduler
     * keeps the last node taking work, since failures everywhere say more about the requests than the nodes.
     */
    void finished(String pool, String model, Outcome outcome, long serviceNanos, long now, boolean ejectable) {
        int failureStreak = pools.get(pool).finished(serviceNanos, outcome);
        switch (outcome) {
            case SUCCESS -> succeeded(model, serviceNanos);
            case NODE_FAILURE -> {
                failed++;
                if (ejectable && (health == NodeHealth.READMITTING
                        || health == NodeHealth.READY && failureStreak >= settings.ejectAfter())) {
                    eject(now);
                }
            }
            case REQUEST_ERROR -> failed++;
            case CANCELLED -> {
            }
        }
    }

    private void succeeded(String model, long serviceNanos) {
        serviceTimes.computeIfAbsent(model, m -> new ServiceTime(settings.ewmaAlpha(), settings.initialServiceNanos()))
                .record(serviceNanos);
        if (health == NodeHealth.READMITTING && ++readmitSuccesses >= settings.readmitSuccesses()) {
            health = NodeHealth.READY;
        }
    }

    private void eject(long now) {
        health = NodeHealth.EJECTED;
        ejectedAt = now;
        ejections++;
    }

    NodeSnapshot snapshot() {
        Map<String, Double> estimates = new TreeMap<>();
        settings.trackedModels().forEach(model -> estimates.put(model, expectedServiceNanos(model) / 1e9));
        serviceTimes.forEach((model, estimate) -> estimates.put(model, estimate.nanos() / 1e9));
        Map<String, PoolSnapshot> poolSnapshots = new LinkedHashMap<>();
        pools.forEach((name, pool) -> poolSnapshots.put(name, pool.snapshot(capacity(name))));
        return new NodeSnapshot(address, health, drained || leaving, readyModels,
                Collections.unmodifiableMap(estimates), dispatched, failed, ejections, Collections.unmodifiableMap(poolSnapshots));
    }
}
