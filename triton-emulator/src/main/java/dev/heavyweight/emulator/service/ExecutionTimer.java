package dev.heavyweight.emulator.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Waits out the time an execution occupies its slot, without holding a thread while it waits. */
@FunctionalInterface
public interface ExecutionTimer {

    /** Completes once {@code duration} has passed. */
    CompletableFuture<Void> after(Duration duration);
}
