package dev.heavyweight.balancer.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Tunables of the {@link SlotScheduler}; times in nanoseconds.
 *
 * @param trackedModels models whose readiness is polled per node; other models go to any node taking work
 * @param modelSlots models whose executions have a slot pool of their own on every node, with its size; a model
 *                   given 0, or not named, shares the node's slots
 */
public record SchedulerSettings(int maxQueue, int ejectAfter, long readmitAfterNanos, int readmitSuccesses,
                                double ewmaAlpha, long initialServiceNanos, Set<String> trackedModels,
                                Map<String, Integer> modelSlots) {

    /** The pool of the node's own slots ({@code slots-per-node}), shared by every model without a pool of its own. */
    public static final String SHARED_POOL = "shared";

    public SchedulerSettings {
        trackedModels = Set.copyOf(trackedModels);
        if (maxQueue < 0 || ejectAfter < 1 || readmitSuccesses < 0 || ewmaAlpha <= 0 || ewmaAlpha > 1) {
            throw new IllegalArgumentException("max-queue >= 0, eject-after >= 1, readmit-successes >= 0 "
                    + "and 0 < ewma-alpha <= 1 are required");
        }
        if (modelSlots.values().stream().anyMatch(slots -> slots < 0) || modelSlots.containsKey(SHARED_POOL)) {
            throw new IllegalArgumentException("model-slots must be >= 0 and cannot name a model '" + SHARED_POOL
                    + "', got " + modelSlots);
        }
        modelSlots = modelSlots.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Settings where every model shares the node's slots. */
    public SchedulerSettings(int maxQueue, int ejectAfter, long readmitAfterNanos, int readmitSuccesses,
                             double ewmaAlpha, long initialServiceNanos, Set<String> trackedModels) {
        this(maxQueue, ejectAfter, readmitAfterNanos, readmitSuccesses, ewmaAlpha, initialServiceNanos,
                trackedModels, Map.of());
    }

    /** The pool a model's executions take a slot from: its own, or {@link #SHARED_POOL}. */
    public String poolOf(String model) {
        return modelSlots.containsKey(model) ? model : SHARED_POOL;
    }

    /** {@link #SHARED_POOL} first, then the models with a pool of their own, by name. */
    public List<String> pools() {
        List<String> pools = new ArrayList<>();
        pools.add(SHARED_POOL);
        pools.addAll(new TreeMap<>(modelSlots).keySet());
        return List.copyOf(pools);
    }

    /**
     * The tracked models that share the node's slots (the Stable Diffusion models): the balancer is ready while
     * a node taking work serves one of them. Models with a pool of their own (the safety classifier) do not count.
     */
    public Set<String> generationModels() {
        return trackedModels.stream().filter(model -> !modelSlots.containsKey(model))
                .collect(Collectors.toUnmodifiableSet());
    }
}
