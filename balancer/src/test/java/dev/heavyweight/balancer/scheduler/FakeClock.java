package dev.heavyweight.balancer.scheduler;

import java.time.Duration;

/** A clock that moves only when the test says so. */
final class FakeClock implements Clock {

    private long nanos = 1_000_000_000L;

    @Override
    public long nanos() {
        return nanos;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
