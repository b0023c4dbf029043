package dev.heavyweight.worker.service;

import dev.heavyweight.worker.config.WorkerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tasks cancelled recently, as heard on the control exchange, so a job still queued when its task was
 * cancelled is skipped. Bounded and expiring: an entry is forgotten after {@code ttl} (by then the
 * task's job has been consumed or has expired) and the oldest entries go first when it is full.
 */
@Singleton
public class CancellationRegistry {

    private final int maxEntries;
    private final long ttlMs;
    private final LongSupplier clockMs;
    /** Task id → when it was heard, oldest first (insertion order; a repeat keeps its first time). */
    private final LinkedHashMap<String, Long> heard = new LinkedHashMap<>();

    @Inject
    CancellationRegistry(WorkerConfig config) {
        this(config.cancellation().maxEntries(), config.cancellation().ttl(), System::currentTimeMillis);
    }

    public CancellationRegistry(int maxEntries, Duration ttl, LongSupplier clockMs) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cancellation max-entries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.ttlMs = ttl.toMillis();
        this.clockMs = clockMs;
    }

    public synchronized void cancel(String taskId) {
        forgetExpired();
        heard.putIfAbsent(taskId, clockMs.getAsLong());
        Iterator<String> oldest = heard.keySet().iterator();
        while (heard.size() > maxEntries) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized boolean isCancelled(String taskId) {
        forgetExpired();
        return heard.containsKey(taskId);
    }

    public synchronized int size() {
        forgetExpired();
        return heard.size();
    }

    private void forgetExpired() {
        long now = clockMs.getAsLong();
        Iterator<Map.Entry<String, Long>> entries = heard.entrySet().iterator();
        while (entries.hasNext()) {
            if (now - entries.next().getValue() < ttlMs) {
                return;
            }
            entries.remove();
        }
    }
}
