package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.Reasons;

/**
 * Why a job ended without an image for its tenant; the wire name travels in {@code task.failed} and
 * {@code task.rejected} events.
 */
public enum FailureReason {
    /** The balancer (or the Triton node behind it) answered with a gRPC error. */
    INFERENCE_FAILED(Reasons.INFERENCE_FAILED),
    /** The model answered, but not with the image that was asked for. */
    BAD_MODEL_OUTPUT(Reasons.BAD_MODEL_OUTPUT),
    /** The image could not be stored, or the store could not be asked whether it already holds it. */
    UPLOAD_FAILED(Reasons.UPLOAD_FAILED),
    /** The job's deadline passed before it could run, or while it ran. */
    DEADLINE_EXCEEDED(Reasons.DEADLINE_EXCEEDED),
    /**
     * moderation-service gave no verdict on the image (unreachable, too slow, failing, or not implementing
     * ModerateImage): transient, and the image is not stored for its tenant.
     */
    IMAGE_MODERATION_UNAVAILABLE(Reasons.IMAGE_MODERATION_UNAVAILABLE),
    /** Image moderation flagged a topic ({@code task.rejected}). */
    IMAGE_BLOCKED(Reasons.IMAGE_BLOCKED),
    /** No image engine could judge a topic whose unassessed-action is block ({@code task.rejected}). */
    IMAGE_UNASSESSED(Reasons.IMAGE_UNASSESSED);

    private final String wireName;

    FailureReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
