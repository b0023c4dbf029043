package dev.heavyweight.task.service;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(max, base · 2^(n−1))], so
 * many tasks failing together (a moderation or broker outage) do not come back in lockstep.
 */
public final class Backoff {

    /** Beyond this many doublings every realistic base already exceeds any realistic cap. */
    private static final int MAX_DOUBLINGS = 30;

    private final Duration base;
    private final Duration max;

    public Backoff(Duration base, Duration max) {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, got " + base + " and " + max);
        }
        this.base = base;
        this.max = max;
    }

    /** The longest wait after the {@code n}-th failure ({@code n} >= 1). */
    public Duration ceiling(int n) {
        int doublings = Math.min(Math.max(n, 1) - 1, MAX_DOUBLINGS);
        long millis = base.toMillis() << doublings;
        return millis < 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** A random wait after the {@code n}-th failure, between zero and {@link #ceiling(int)}. */
    public Duration delay(int n, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(n).toMillis() + 1));
    }
}
