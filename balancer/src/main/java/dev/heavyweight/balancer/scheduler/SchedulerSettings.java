package dev.heavyweight.balancer.scheduler;

import java.util.Set;

/**
 * Tunables of the {@link SlotScheduler}; times in nanoseconds.
 *
 * @param trackedModels models whose readiness is polled per node; other models go to any node taking work
 */
public record SchedulerSettings(int maxQueue, int ejectAfter, long readmitAfterNanos, int readmitSuccesses,
                                double ewmaAlpha, long initialServiceNanos, Set<String> trackedModels) {

    public SchedulerSettings {
        trackedModels = Set.copyOf(trackedModels);
        if (maxQueue < 0 || ejectAfter < 1 || readmitSuccesses < 0 || ewmaAlpha <= 0 || ewmaAlpha > 1) {
            throw new IllegalArgumentException("max-queue >= 0, eject-after >= 1, readmit-successes >= 0 "
                    + "and 0 < ewma-alpha <= 1 are required");
        }
    }
}
