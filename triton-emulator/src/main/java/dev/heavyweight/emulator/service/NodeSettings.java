package dev.heavyweight.emulator.service;

import java.time.Duration;

/**
 * How one node behaves, resolved from the fleet-wide configuration and that node's overrides.
 *
 * @param slots      concurrent executions
 * @param speed      relative GPU speed
 * @param stepTime   time of one diffusion step at speed 1.0
 * @param stepJitter duration jitter fraction
 * @param faults     faults injected from the start
 * @param power      power draw model
 * @param ready      whether the node starts ready
 */
public record NodeSettings(int slots, double speed, Duration stepTime, double stepJitter, FaultPlan faults,
                           PowerModel power, boolean ready) {

    public NodeSettings {
        if (slots < 1) {
            throw new IllegalArgumentException("a node needs at least one slot, got " + slots);
        }
    }
}
