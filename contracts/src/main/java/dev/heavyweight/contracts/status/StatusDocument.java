package dev.heavyweight.contracts.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The public status document of one generation, as the gateway serves it, SSE streams carry it and
 * webhooks deliver it. Timestamps are ISO-8601 UTC, null until reached.
 *
 * @param status   coarse: accepted | in_progress | succeeded | failed
 * @param state    exact, lower case: accepted, queued, running, succeeded, failed, rejected, cancelled, expired
 * @param priority the lane: interactive | batch
 * @param imageUrl the gateway path of the image, set once succeeded
 * @param webhook  absent when the task has no webhook
 * @param moderation absent unless moderation rejected the task: the stage, the engine and every topic's score
 */
public record StatusDocument(
        String id,
        String status,
        String state,
        String reason,
        @JsonProperty("reason_detail") String reasonDetail,
        String model,
        int width,
        int height,
        int steps,
        long seed,
        String priority,
        int attempt,
        String user,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("queued_at") String queuedAt,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        Timings timings,
        @JsonProperty("image_url") String imageUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) Webhook webhook,
        @JsonInclude(JsonInclude.Include.NON_NULL) dev.heavyweight.contracts.messages.ModerationDecision moderation) {

    /** Milliseconds spent in each stage; 0 while the stage has not happened. */
    public record Timings(
            @JsonProperty("moderation_ms") long moderationMs,
            @JsonProperty("queue_wait_ms") long queueWaitMs,
            @JsonProperty("inference_ms") long inferenceMs,
            @JsonProperty("image_moderation_ms") long imageModerationMs,
            @JsonProperty("upload_ms") long uploadMs,
            @JsonProperty("total_ms") long totalMs) {
    }

    /**
     * The task's webhook and how its delivery went.
     *
     * @param state pending | delivered | failed
     */
    public record Webhook(
            String url,
            String state,
            int attempts,
            @JsonProperty("last_status_code") Integer lastStatusCode,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("last_attempt_at") String lastAttemptAt,
            @JsonProperty("delivered_at") String deliveredAt) {
    }

    /** The gateway path of a generation's status document. */
    public static String path(String id) {
        return "/v1/generations/" + id;
    }

    /** accepted | in_progress | succeeded | failed for an exact (lower-case) state. */
    public static String statusOf(String state) {
        return switch (state) {
            case "accepted" -> "accepted";
            case "queued", "running" -> "in_progress";
            case "succeeded" -> "succeeded";
            case "failed", "rejected", "cancelled", "expired" -> "failed";
            default -> throw new IllegalArgumentException("unknown task state " + state);
        };
    }

    /** Whether a (lower-case) state is terminal. */
    public static boolean isFinal(String state) {
        return !statusOf(state).equals("accepted") && !statusOf(state).equals("in_progress");
    }
}
