package dev.heavyweight.emulator.service;

/**
 * Time as the nodes see it: a monotonic nanosecond reading for durations and busy time, and its wall-clock
 * equivalent for records, derived from the same reading so that arrival, start and finish never run backwards.
 */
public interface NodeClock {

    /** A monotonic reading in nanoseconds. */
    long nanoTime();

    /** Milliseconds since the epoch at the given {@link #nanoTime()} reading. */
    long epochMillis(long nanoTime);

    /** The JVM's clocks, anchored once. */
    static NodeClock system() {
        long anchorMillis = System.currentTimeMillis();
        long anchorNanos = System.nanoTime();
        return new NodeClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long epochMillis(long nanoTime) {
                return anchorMillis + Math.floorDiv(nanoTime - anchorNanos, 1_000_000L);
            }
        };
    }
}
