package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.messages.TaskEventMessage.Execution;
import dev.heavyweight.contracts.messages.TaskEventMessage.Timings;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.worker.client.ImageVerdict;

/**
 * How one execution of a job ended: with a stored image, a failure reason, or an image that moderation
 * blocked (kept in quarantine).
 *
 * @param type        {@link TaskEventType#SUCCEEDED}, {@link TaskEventType#FAILED} or {@link TaskEventType#REJECTED}
 * @param imageKey    S3 key of the PNG (succeeded only; a rejected image's quarantine key is never reported)
 * @param reason      why it failed or was rejected
 * @param detail      human-readable detail of the failure or rejection
 * @param timings     stage durations measured so far
 * @param retryable   the failure was transient (failed only)
 * @param alreadyDone an earlier delivery of the job stored the image: nothing was generated now
 * @param moderation  what image moderation decided (rejected only)
 */
public record JobOutcome(TaskEventType type, String imageKey, FailureReason reason, String detail, Timings timings,
        boolean retryable, boolean alreadyDone, ModerationDecision moderation, Execution execution) {

    /** {@code execution}: where the image was generated; null when the balancer did not say. */
    public static JobOutcome succeeded(String imageKey, Timings timings, Execution execution) {
        return new JobOutcome(TaskEventType.SUCCEEDED, imageKey, null, null, timings, false, false, null, execution);
    }

    public static JobOutcome alreadyStored(String imageKey) {
        return new JobOutcome(TaskEventType.SUCCEEDED, imageKey, null, null, Timings.NONE, false, true, null, null);
    }

    public static JobOutcome failed(JobFailure failure, Timings timings) {
        return new JobOutcome(TaskEventType.FAILED, null, failure.reason(), failure.detail(), timings,
                failure.retryable(), false, null, null);
    }

    public static JobOutcome rejected(ImageVerdict verdict, Timings timings) {
        return new JobOutcome(TaskEventType.REJECTED, null, verdict.reason(), verdict.detail(), timings, false, false,
                verdict.decision(), null);
    }

    public boolean succeeded() {
        return type == TaskEventType.SUCCEEDED;
    }

    public boolean rejected() {
        return type == TaskEventType.REJECTED;
    }
}
