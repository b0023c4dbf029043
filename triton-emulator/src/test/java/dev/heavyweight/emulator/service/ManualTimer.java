package dev.heavyweight.emulator.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/** An execution timer the test advances by hand, so slot and queue states can be observed without races. */
final class ManualTimer implements ExecutionTimer {

    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();

    @Override
    public synchronized CompletableFuture<Void> after(Duration duration) {
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        pending.addLast(elapsed);
        return elapsed;
    }

    /** Lets the oldest running execution's time pass. */
    void finishOldest() {
        CompletableFuture<Void> oldest;
        synchronized (this) {
            oldest = pending.pollFirst();
        }
        if (oldest == null) {
            throw new IllegalStateException("no execution is waiting for its time to pass");
        }
        oldest.complete(null);
    }

    synchronized int running() {
        return pending.size();
    }
}
