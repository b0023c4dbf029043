package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage.Timings;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Times the stages of one job, for its terminal event and for the shared stage timer. Event timings are rounded
 * up to the next millisecond, so a stage that ran is never reported as 0 ms: 0 means it did not run (an image
 * judged again from quarantine had no inference; image moderation switched off).
 */
final class StageClock {

    private final WorkerMetrics metrics;
    private final Lane lane;
    private final String model;
    private final Map<String, Long> millis = new ConcurrentHashMap<>();

    StageClock(WorkerMetrics metrics, Lane lane, String model) {
        this.metrics = metrics;
        this.lane = lane;
        this.model = model;
    }

    /** Runs {@code stage} and records how long it took, whether it succeeded or failed. */
    <T> Uni<T> time(String stage, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return work.get().onTermination().invoke(() -> {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                millis.put(stage, roundedUpMillis(took));
                metrics.recordStage(stage, lane, model, took);
            });
        });
    }

    static long roundedUpMillis(Duration duration) {
        long nanos = Math.max(1, duration.toNanos());
        return (nanos + 999_999) / 1_000_000;
    }

    /** Durations so far; 0 for a stage that did not run. */
    Timings timings() {
        return new Timings(
                millis.getOrDefault(WorkerMetrics.STAGE_INFERENCE, 0L),
                millis.getOrDefault(WorkerMetrics.STAGE_IMAGE_MODERATION, 0L),
                millis.getOrDefault(WorkerMetrics.STAGE_UPLOAD, 0L));
    }
}
