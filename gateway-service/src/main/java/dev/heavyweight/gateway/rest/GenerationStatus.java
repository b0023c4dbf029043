package dev.heavyweight.gateway.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.StageTimings;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.service.PublicState;
import java.time.Instant;

/** The public status document of one generation; timestamps are ISO-8601 UTC, null until reached. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerationStatus(
        String id,
        String status,
        String state,
        String reason,
        String reasonDetail,
        String model,
        int width,
        int height,
        int steps,
        long seed,
        String priority,
        int attempt,
        String createdAt,
        String updatedAt,
        String queuedAt,
        String startedAt,
        String finishedAt,
        Timings timings,
        String imageUrl) {

    /** Milliseconds spent in each stage; 0 while the stage has not happened. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timings(long moderationMs, long queueWaitMs, long inferenceMs, long imageModerationMs,
            long uploadMs, long totalMs) {

        static Timings of(StageTimings t) {
            return new Timings(t.getModerationMs(), t.getQueueWaitMs(), t.getInferenceMs(),
                    t.getImageModerationMs(), t.getUploadMs(), t.getTotalMs());
        }
    }

    public static String path(String id) {
        return "/v1/generations/" + id;
    }

    public static GenerationStatus of(Task task) {
        boolean succeeded = task.getState() == TaskState.TASK_STATE_SUCCEEDED;
        return new GenerationStatus(
                task.getId(),
                PublicState.status(task.getState()),
                PublicState.state(task.getState()),
                emptyToNull(task.getReason()),
                emptyToNull(task.getReasonDetail()),
                task.getModel(),
                task.getWidth(),
                task.getHeight(),
                task.getSteps(),
                task.getSeed(),
                task.getLane() == Lane.LANE_BATCH ? "batch" : "interactive",
                task.getAttempt(),
                timestamp(task.getCreatedAtMs()),
                timestamp(task.getUpdatedAtMs()),
                timestamp(task.getQueuedAtMs()),
                timestamp(task.getStartedAtMs()),
                timestamp(task.getFinishedAtMs()),
                Timings.of(task.getTimings()),
                succeeded ? path(task.getId()) + "/image" : null);
    }

    private static String timestamp(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
