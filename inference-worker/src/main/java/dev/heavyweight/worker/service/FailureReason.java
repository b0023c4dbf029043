package dev.heavyweight.worker.service;

/** Why a job ended without an image; the wire name travels in {@code task.failed} events. */
public enum FailureReason {
    /** The balancer (or the Triton node behind it) answered with a gRPC error. */
    INFERENCE_FAILED("inference_failed"),
    /** The model answered, but not with the image that was asked for. */
    BAD_MODEL_OUTPUT("bad_model_output"),
    /** The image could not be stored. */
    UPLOAD_FAILED("upload_failed");

    private final String wireName;

    FailureReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
