package dev.heavyweight.emulator.service;

/**
 * One reading of a node's GPU activity, all taken at the same instant.
 *
 * @param utilization   busy fraction (busy slots / slots) averaged over the utilisation window, 0..1
 * @param powerWatts    power draw averaged over the same window
 * @param energyJoules  energy used since the node started
 * @param busySlotNanos time slots spent running requests since the node started, summed over slots
 * @param busyNanos     time-integral of the busy fraction since the node started (GPU-busy time)
 */
public record GpuReading(double utilization, double powerWatts, double energyJoules, long busySlotNanos,
                         double busyNanos) {
}
