package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.task.lifecycle.Trigger;
import java.time.Instant;
import java.util.UUID;

/**
 * A worker's report about one execution of a task, checked and ready to apply.
 *
 * @param imageKey S3 key of the result (success only)
 * @param reason   machine-readable reason (failure, rejection), may be null
 * @param detail   human-readable detail, may be null
 * @param timings  worker-side stage durations, null when the event carries none
 * @param retryable a {@code task.failed} the worker judged transient: another attempt may succeed
 * @param moderation what image moderation decided ({@code task.rejected}), may be null
 */
public record WorkerEvent(
        Trigger trigger,
        UUID taskId,
        String tenant,
        int attempt,
        String worker,
        Instant at,
        String imageKey,
        String reason,
        String detail,
        Timings timings,
        boolean retryable,
        ModerationDecision moderation,
        Execution execution) {

    /** Where the image was generated and how long it held the GPU (succeeded events; null when unknown). */
    public record Execution(String node, String nodeClass, long gpuMs) {
    }

    /** Milliseconds the worker spent in each of its stages. */
    public record Timings(long inferenceMs, long imageModerationMs, long uploadMs) {
    }

    /** The audit trail's {@code source} for this event. */
    public String source() {
        return "worker:" + (worker == null || worker.isBlank() ? "unknown" : worker);
    }
}
