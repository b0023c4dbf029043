package dev.heavyweight.task.webhooks;

import dev.heavyweight.contracts.status.StatusDocument;
import dev.heavyweight.task.repository.ModerationJson;
import dev.heavyweight.task.repository.TaskEntity;
import java.time.Instant;
import java.util.Locale;

/**
 * The status document a webhook delivers: the one the gateway serves for the task (contracts
 * {@link StatusDocument}, image_url the gateway path), without its {@code webhook} part, which describes
 * this very delivery and would make every attempt's body differ.
 */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    public static StatusDocument of(TaskEntity task) {
        String state = task.state.name().toLowerCase(Locale.ROOT);
        return new StatusDocument(
                task.id.toString(),
                StatusDocument.statusOf(state),
                state,
                emptyToNull(task.reason),
                emptyToNull(task.reasonDetail),
                task.model,
                task.width,
                task.height,
                task.steps,
                task.seed,
                task.lane,
                task.attempt,
                emptyToNull(task.userId),
                timestamp(task.createdAt),
                timestamp(task.updatedAt),
                timestamp(task.queuedAt),
                timestamp(task.startedAt),
                timestamp(task.finishedAt),
                new StatusDocument.Timings(orZero(task.moderationMs), orZero(task.queueWaitMs), orZero(task.inferenceMs),
                        orZero(task.imageModerationMs), orZero(task.uploadMs), orZero(task.totalMs)),
                "succeeded".equals(state) ? StatusDocument.path(task.id.toString()) + "/image" : null,
                null,
                ModerationJson.read(task.moderation));
    }

    /** The id every attempt of this delivery carries: one delivery per task and final state. */
    public static String deliveryId(TaskEntity task) {
        return "msg_" + task.id + "_" + task.state.name().toLowerCase(Locale.ROOT);
    }

    /** ISO-8601 at millisecond resolution, as the gateway writes them. */
    private static String timestamp(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli()).toString();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
