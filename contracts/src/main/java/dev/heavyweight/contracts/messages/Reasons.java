package dev.heavyweight.contracts.messages;

/**
 * Machine-readable reasons for a task's non-success end, shared by the services that report them
 * (worker events) and the one that records them (task-service).
 */
public final class Reasons {

    /** The prompt moderation stage blocked the prompt. */
    public static final String PROMPT_BLOCKED = "prompt_blocked";
    /** No prompt engine could judge a topic whose unassessed-action is {@code block} (e.g. an unsupported language). */
    public static final String PROMPT_UNASSESSED = "prompt_unassessed";
    /** No image engine could judge a topic whose image unassessed-action is {@code block}. */
    public static final String IMAGE_UNASSESSED = "image_unassessed";
    /** The generated image was blocked by image moderation. */
    public static final String IMAGE_BLOCKED = "image_blocked";
    /**
     * moderation-service gave no verdict on a generated image (unreachable, too slow, failing); transient, so the
     * task ends FAILED with it only once its attempts are spent. The image is never stored for its tenant.
     */
    public static final String IMAGE_MODERATION_UNAVAILABLE = "image_moderation_unavailable";
    /** The inference call failed (the detail names the gRPC status). */
    public static final String INFERENCE_FAILED = "inference_failed";
    /** The model answered with a tensor that is not the requested image. */
    public static final String BAD_MODEL_OUTPUT = "bad_model_output";
    /** The result could not be stored. */
    public static final String UPLOAD_FAILED = "upload_failed";
    /** The task's deadline passed before it could run (the task ends EXPIRED). */
    public static final String DEADLINE_EXCEEDED = "deadline_exceeded";
    /** The task was cancelled by its owner. */
    public static final String CANCELLED = "cancelled";

    private Reasons() {
    }
}
