package dev.heavyweight.task.grpc;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.task.ModerationTopicScore;
import dev.heavyweight.contracts.task.StageTimings;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.SubmitResponse;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.WebhookDelivery;
import dev.heavyweight.task.limits.RateLimit;
import dev.heavyweight.task.repository.ModerationJson;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.service.Accepted;
import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.SubmissionRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Translates between the {@code heavyweight.task.v1} messages and task-service's own types. */
final class TaskProtoMapper {

    private TaskProtoMapper() {
    }

    static SubmissionRequest toRequest(SubmitRequest request) {
        return new SubmissionRequest(
                request.getTenant(),
                request.getPrompt(),
                request.getNegativePrompt(),
                request.getModel(),
                request.getWidth(),
                request.getHeight(),
                request.getSteps(),
                request.hasSeed() ? request.getSeed() : null,
                lane(request.getLane()),
                request.getUser(),
                request.getIdempotencyKey(),
                request.getWebhookUrl(),
                request.getEndUser());
    }

    static SubmitResponse toProto(Accepted accepted) {
        RateLimit bucket = accepted.rateLimit();
        return SubmitResponse.newBuilder()
                .setTask(toProto(accepted.task()))
                .setReplayed(accepted.replayed())
                .setRateLimit(dev.heavyweight.contracts.task.RateLimit.newBuilder()
                        .setLimit(bucket.limit())
                        .setRemaining(bucket.remaining())
                        .setResetMs(bucket.resetMs())
                        .setRatePerSecond(bucket.ratePerSecond()))
                .build();
    }

    static Task toProto(TaskEntity task) {
        Task.Builder proto = Task.newBuilder()
                .setId(task.id.toString())
                .setTenant(task.tenant)
                .setState(toProto(task.state))
                .setReason(orEmpty(task.reason))
                .setReasonDetail(orEmpty(task.reasonDetail))
                .setLane(lane(task.lane))
                .setModel(task.model)
                .setPrompt(task.prompt)
                .setNegativePrompt(orEmpty(task.negativePrompt))
                .setWidth(task.width)
                .setHeight(task.height)
                .setSteps(task.steps)
                .setSeed(task.seed)
                .setAttempt(task.attempt)
                .setImageKey(orEmpty(task.imageKey))
                .addAllModerationCategories(task.moderationCategories == null ? List.of()
                        : Arrays.asList(task.moderationCategories))
                .setCreatedAtMs(millis(task.createdAt))
                .setUpdatedAtMs(millis(task.updatedAt))
                .setQueuedAtMs(millis(task.queuedAt))
                .setStartedAtMs(millis(task.startedAt))
                .setFinishedAtMs(millis(task.finishedAt))
                .setTimings(StageTimings.newBuilder()
                        .setModerationMs(orZero(task.moderationMs))
                        .setQueueWaitMs(orZero(task.queueWaitMs))
                        .setInferenceMs(orZero(task.inferenceMs))
                        .setImageModerationMs(orZero(task.imageModerationMs))
                        .setUploadMs(orZero(task.uploadMs))
                        .setTotalMs(orZero(task.totalMs)))
                .setUser(orEmpty(task.userId))
                .setEndUser(orEmpty(task.endUser));
        ModerationDecision moderation = ModerationJson.read(task.moderation);
        if (moderation != null) {
            dev.heavyweight.contracts.task.ModerationDecision.Builder decision =
                    dev.heavyweight.contracts.task.ModerationDecision.newBuilder()
                            .setStage(orEmpty(moderation.stage()))
                            .setEngine(orEmpty(moderation.engine()));
            for (ModerationDecision.Topic topic : moderation.topics()) {
                decision.addTopics(ModerationTopicScore.newBuilder()
                        .setTopic(orEmpty(topic.topic()))
                        .setAssessed(topic.assessed())
                        .setScore(topic.score())
                        .setThreshold(topic.threshold())
                        .setFlagged(topic.flagged())
                        .setEngine(orEmpty(topic.engine())));
            }
            proto.setModeration(decision);
        }
        if (task.webhookUrl != null) {
            proto.setWebhook(WebhookDelivery.newBuilder()
                    .setUrl(task.webhookUrl)
                    .setState(task.webhookState)
                    .setAttempts(task.webhookAttempts)
                    .setLastStatusCode(task.webhookLastStatusCode == null ? 0 : task.webhookLastStatusCode)
                    .setLastError(orEmpty(task.webhookLastError))
                    .setLastAttemptAtMs(millis(task.webhookLastAttemptAt))
                    .setDeliveredAtMs(millis(task.webhookDeliveredAt)));
        }
        return proto.build();
    }

    static TaskState toProto(dev.heavyweight.task.lifecycle.TaskState state) {
        return TaskState.valueOf("TASK_STATE_" + state.name());
    }

    static Lane lane(dev.heavyweight.contracts.task.Lane lane) {
        return switch (lane) {
            case LANE_UNSPECIFIED -> null;
            case LANE_INTERACTIVE -> Lane.INTERACTIVE;
            case LANE_BATCH -> Lane.BATCH;
            case UNRECOGNIZED -> throw new InvalidFieldException("lane", "must be interactive or batch");
        };
    }

    static dev.heavyweight.contracts.task.Lane lane(String routingKey) {
        return Lane.fromName(routingKey).map(lane -> switch (lane) {
            case INTERACTIVE -> dev.heavyweight.contracts.task.Lane.LANE_INTERACTIVE;
            case BATCH -> dev.heavyweight.contracts.task.Lane.LANE_BATCH;
        }).orElse(dev.heavyweight.contracts.task.Lane.LANE_UNSPECIFIED);
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
