package dev.heavyweight.balancer.scheduler;

/** Monotonic time in nanoseconds; tests drive the scheduler with a clock they advance by hand. */
@FunctionalInterface
public interface Clock {

    Clock SYSTEM = System::nanoTime;

    long nanos();
}
