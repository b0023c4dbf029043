package dev.heavyweight.emulator.service;

import java.time.Duration;

/** A node clock that only moves when the test moves it; epoch milliseconds start at 1,000,000. */
final class ManualClock implements NodeClock {

    private static final long EPOCH_MILLIS_AT_ZERO = 1_000_000;
    private long nanos;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis(long nanoTime) {
        return EPOCH_MILLIS_AT_ZERO + nanoTime / 1_000_000;
    }

    synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
