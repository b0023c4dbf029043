package dev.heavyweight.emulator.service;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a request occupies a slot: {@code steps × stepTime / speed}, multiplied by a random factor in
 * {@code [1 − jitter, 1 + jitter]} so that equal requests do not finish in lockstep, as on real GPUs.
 */
public final class ExecutionTime {

    private final Duration stepTime;
    private final double speed;
    private final double jitter;
    private final RandomGenerator random;

    /** {@code random} must be safe for concurrent use (e.g. {@link java.util.Random}). */
    public ExecutionTime(Duration stepTime, double speed, double jitter, RandomGenerator random) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("node speed must be positive, got " + speed);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("step jitter must be at least 0 and below 1, got " + jitter);
        }
        if (stepTime.isNegative()) {
            throw new IllegalArgumentException("step time must not be negative, got " + stepTime);
        }
        this.stepTime = stepTime;
        this.speed = speed;
        this.jitter = jitter;
        this.random = random;
    }

    /** The duration without jitter. */
    public Duration nominal(int steps) {
        return Duration.ofNanos(Math.round(steps * stepTime.toNanos() / speed));
    }

    /** The duration of one request: the nominal one with a fresh jitter factor. */
    public Duration draw(int steps) {
        Duration nominal = nominal(steps);
        if (jitter == 0) {
            return nominal;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(nominal.toNanos() * factor));
    }

    public Duration stepTime() {
        return stepTime;
    }

    public double speed() {
        return speed;
    }

    public double jitter() {
        return jitter;
    }
}
