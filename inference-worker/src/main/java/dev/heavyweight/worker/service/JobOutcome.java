package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.TaskEventMessage.Timings;
import dev.heavyweight.contracts.messages.TaskEventType;

/**
 * How one execution of a job ended: with a stored image or with a failure reason.
 *
 * @param type        {@link TaskEventType#SUCCEEDED} or {@link TaskEventType#FAILED}
 * @param imageKey    S3 key of the PNG (succeeded only)
 * @param reason      why it failed (failed only)
 * @param detail      human-readable detail of the failure (failed only)
 * @param timings     stage durations measured so far
 * @param retryable   the failure was transient (failed only)
 * @param alreadyDone the image was stored by an earlier delivery of the job: nothing was generated now
 */
public record JobOutcome(TaskEventType type, String imageKey, FailureReason reason, String detail, Timings timings,
        boolean retryable, boolean alreadyDone) {

    public static JobOutcome succeeded(String imageKey, Timings timings) {
        return new JobOutcome(TaskEventType.SUCCEEDED, imageKey, null, null, timings, false, false);
    }

    public static JobOutcome alreadyStored(String imageKey) {
        return new JobOutcome(TaskEventType.SUCCEEDED, imageKey, null, null, Timings.NONE, false, true);
    }

    public static JobOutcome failed(JobFailure failure, Timings timings) {
        return new JobOutcome(TaskEventType.FAILED, null, failure.reason(), failure.detail(), timings,
                failure.retryable(), false);
    }

    public boolean succeeded() {
        return type == TaskEventType.SUCCEEDED;
    }
}
