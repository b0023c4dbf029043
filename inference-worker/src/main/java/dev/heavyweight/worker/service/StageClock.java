package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.TaskEventMessage.Timings;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Times the stages of one job, for its terminal event and for the shared stage timer. */
final class StageClock {

    private final WorkerMetrics metrics;
    private final Map<String, Long> millis = new ConcurrentHashMap<>();

    StageClock(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code stage} and records how long it took, whether it succeeded or failed. */
    <T> Uni<T> time(String stage, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return work.get().onTermination().invoke(() -> {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                millis.put(stage, took.toMillis());
                metrics.recordStage(stage, took);
            });
        });
    }

    /** Durations so far; 0 for a stage that did not run. */
    Timings timings() {
        return new Timings(
                millis.getOrDefault(WorkerMetrics.STAGE_INFERENCE, 0L),
                millis.getOrDefault(WorkerMetrics.STAGE_IMAGE_MODERATION, 0L),
                millis.getOrDefault(WorkerMetrics.STAGE_UPLOAD, 0L));
    }
}
