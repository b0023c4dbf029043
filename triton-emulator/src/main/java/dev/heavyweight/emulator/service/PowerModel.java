package dev.heavyweight.emulator.service;

/**
 * A GPU's power draw: {@code idleWatts} with nothing running, rising linearly with the busy fraction to
 * {@code busyWatts} with every slot busy.
 *
 * @param idleWatts  draw with no slot busy
 * @param busyWatts  draw with every slot busy
 * @param limitWatts the power limit the GPU reports
 */
public record PowerModel(double idleWatts, double busyWatts, double limitWatts) {

    public PowerModel {
        if (!(idleWatts >= 0 && busyWatts >= idleWatts)) {
            throw new IllegalArgumentException("power needs 0 <= idle-watts <= busy-watts, got idle " + idleWatts
                    + " and busy " + busyWatts);
        }
        if (!(limitWatts >= busyWatts)) {
            throw new IllegalArgumentException("power-limit-watts (" + limitWatts + ") must be at least busy-watts ("
                    + busyWatts + ")");
        }
    }

    /** Draw at a busy fraction between 0 and 1. */
    public double watts(double busyFraction) {
        return idleWatts + (busyWatts - idleWatts) * busyFraction;
    }

    /** Energy over {@code elapsedNanos}, of which the GPU was busy for {@code busyNanos} (busy fraction integrated). */
    public double joules(long elapsedNanos, double busyNanos) {
        return (idleWatts * elapsedNanos + (busyWatts - idleWatts) * busyNanos) / 1e9;
    }
}
