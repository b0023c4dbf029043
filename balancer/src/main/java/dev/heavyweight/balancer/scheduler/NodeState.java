package dev.heavyweight.balancer.scheduler;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node as the scheduler sees it: slots, health, draining, requests in flight and service-time estimates.
 * Not thread-safe: only the {@link SlotScheduler} touches it, under its lock.
 */
final class NodeState {

    private final String address;
    private final long order;
    private final int slots;
    private final SchedulerSettings settings;
    private final Map<String, ServiceTime> serviceTimes = new HashMap<>();
    private NodeHealth health = NodeHealth.JOINING;
    private Set<String> readyModels = Set.of();
    private boolean drained;
    private boolean leaving;
    private int inflight;
    private int pollFailures;
    private int inferenceFailures;
    private int readmitSuccesses;
    private long ejectedAt;
    private long dispatched;
    private long failed;
    private long busyNanos;

    NodeState(String address, long order, int slots, SchedulerSettings settings) {
        if (slots < 1) {
            throw new IllegalArgumentException("node " + address + " needs at least one slot, got " + slots);
        }
        this.address = address;
        this.order = order;
        this.slots = slots;
        this.settings = settings;
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

    int inflight() {
        return inflight;
    }

    /** Slots new work may use now: all when ready, one while readmitting, none otherwise or while draining. */
    int capacity() {
        if (drained || leaving) {
            return 0;
        }
        return switch (health) {
            case READY -> slots;
            case READMITTING -> 1;
            case JOINING, EJECTED -> 0;
        };
    }

    boolean accepting() {
        return capacity() > 0;
    }

    int freeSlots() {
        return Math.max(0, capacity() - inflight);
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
            inferenceFailures = 0;
        }
    }

    void pollFailed(long now) {
        pollFailures++;
        if (health == NodeHealth.READMITTING || health == NodeHealth.READY && pollFailures >= settings.ejectAfter()) {
            eject(now);
        }
    }

    void started() {
        inflight++;
        dispatched++;
    }

    /**
     * Records the end of a request. Failed requests eject the node only when {@code ejectable}: the scheduler
     * keeps the last node taking work, since failures everywhere say more about the requests than the nodes.
     */
    void finished(String model, Outcome outcome, long serviceNanos, long now, boolean ejectable) {
        inflight--;
        busyNanos += serviceNanos;
        switch (outcome) {
            case SUCCESS -> succeeded(model, serviceNanos);
            case NODE_FAILURE -> {
                failed++;
                inferenceFailures++;
                if (ejectable && (health == NodeHealth.READMITTING
                        || health == NodeHealth.READY && inferenceFailures >= settings.ejectAfter())) {
                    eject(now);
                }
            }
            case REQUEST_ERROR -> failed++;
            case CANCELLED -> {
            }
        }
    }

    private void succeeded(String model, long serviceNanos) {
        inferenceFailures = 0;
        serviceTimes.computeIfAbsent(model, m -> new ServiceTime(settings.ewmaAlpha(), settings.initialServiceNanos()))
                .record(serviceNanos);
        if (health == NodeHealth.READMITTING && ++readmitSuccesses >= settings.readmitSuccesses()) {
            health = NodeHealth.READY;
        }
    }

    private void eject(long now) {
        health = NodeHealth.EJECTED;
        ejectedAt = now;
    }

    NodeSnapshot snapshot() {
        Map<String, Double> estimates = new TreeMap<>();
        settings.trackedModels().forEach(model -> estimates.put(model, expectedServiceNanos(model) / 1e9));
        serviceTimes.forEach((model, estimate) -> estimates.put(model, estimate.nanos() / 1e9));
        return new NodeSnapshot(address, health, drained || leaving, slots, capacity(), inflight, readyModels,
                Collections.unmodifiableMap(estimates), dispatched, failed, busyNanos / 1e9);
    }
}
