package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.status.StatusDocument;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.StageTimings;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.WebhookDelivery;
import java.time.Instant;

/** Maps task-service's {@link Task} onto the public status document (contracts {@link StatusDocument}). */
public final class StatusDocuments {

    private StatusDocuments() {
    }

    public static StatusDocument of(Task task) {
        return of(task, task.getState());
    }

    /**
     * The document of {@code task} as it read in {@code state}: a live stream replays earlier changes
     * with the task's current details but that change's state, status and (no) image.
     */
    public static StatusDocument of(Task task, TaskState state) {
        return new StatusDocument(
                task.getId(),
                PublicState.status(state),
                PublicState.state(state),
                emptyToNull(task.getReason()),
                emptyToNull(task.getReasonDetail()),
                task.getModel(),
                task.getWidth(),
                task.getHeight(),
                task.getSteps(),
                task.getSeed(),
                task.getLane() == Lane.LANE_BATCH ? "batch" : "interactive",
                task.getAttempt(),
                emptyToNull(task.getUser()),
                timestamp(task.getCreatedAtMs()),
                timestamp(task.getUpdatedAtMs()),
                timestamp(task.getQueuedAtMs()),
                timestamp(task.getStartedAtMs()),
                timestamp(task.getFinishedAtMs()),
                timings(task.getTimings()),
                state == TaskState.TASK_STATE_SUCCEEDED ? StatusDocument.path(task.getId()) + "/image" : null,
                task.hasWebhook() ? webhook(task.getWebhook()) : null,
                task.hasModeration() ? moderation(task.getModeration()) : null);
    }

    private static ModerationDecision moderation(dev.heavyweight.contracts.task.ModerationDecision m) {
        return new ModerationDecision(m.getStage(), emptyToNull(m.getEngine()), m.getTopicsList().stream()
                .map(t -> new ModerationDecision.Topic(t.getTopic(), t.getAssessed(), t.getScore(), t.getThreshold(),
                        t.getFlagged(), emptyToNull(t.getEngine())))
                .toList());
    }

    private static StatusDocument.Timings timings(StageTimings t) {
        return new StatusDocument.Timings(t.getModerationMs(), t.getQueueWaitMs(), t.getInferenceMs(),
                t.getImageModerationMs(), t.getUploadMs(), t.getTotalMs());
    }

    private static StatusDocument.Webhook webhook(WebhookDelivery w) {
        return new StatusDocument.Webhook(w.getUrl(), w.getState(), w.getAttempts(),
                w.getLastStatusCode() == 0 ? null : w.getLastStatusCode(),
                emptyToNull(w.getLastError()),
                timestamp(w.getLastAttemptAtMs()),
                timestamp(w.getDeliveredAtMs()));
    }

    static String timestamp(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
