package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.Reasons;

/** Why a job ended without an image; the wire name travels in {@code task.failed} events. */
public enum FailureReason {
    /** The balancer (or the Triton node behind it) answered with a gRPC error. */
    INFERENCE_FAILED(Reasons.INFERENCE_FAILED),
    /** The model answered, but not with the image that was asked for. */
    BAD_MODEL_OUTPUT(Reasons.BAD_MODEL_OUTPUT),
    /** The image could not be stored, or the store could not be asked whether it already holds it. */
    UPLOAD_FAILED(Reasons.UPLOAD_FAILED),
    /** The job's deadline passed before it could run, or while it ran. */
    DEADLINE_EXCEEDED(Reasons.DEADLINE_EXCEEDED);

    private final String wireName;

    FailureReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
