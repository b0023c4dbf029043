package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Worker events published to {@code heavyweight.events} drive tasks; late and stale ones change nothing. */
@QuarkusTest
class TaskEventsTest extends TaskServiceFixture {

    static final TaskEventMessage.Timings TIMINGS = WorkerEvents.TIMINGS;

    @Test
    void startedThenSucceededRecordsTheResultAndEveryTransition() throws Exception {
        double inferenceBefore = Metrics.value("heavyweight_task_stage_seconds_count", "stage", "inference");
        double succeededBefore = Metrics.value("heavyweight_tasks_finished_total", "state", "succeeded");
        Task queued = submit();

        broker.publish(event(queued, TaskEventType.STARTED, 1, queued.getQueuedAtMs() + 2_000));
        Task running = awaitState(queued, TaskState.TASK_STATE_RUNNING);
        assertThat(running.getStartedAtMs()).isEqualTo(queued.getQueuedAtMs() + 2_000);
        assertThat(running.getTimings().getQueueWaitMs()).isEqualTo(2_000);
        assertThat(running.getAttempt()).isEqualTo(1);

        broker.publish(succeeded(queued, 1, "tenants/" + tenant + "/tasks/" + queued.getId() + ".png"));
        Task done = awaitState(queued, TaskState.TASK_STATE_SUCCEEDED);

        assertThat(done.getImageKey()).isEqualTo("tenants/" + tenant + "/tasks/" + queued.getId() + ".png");
        assertThat(done.getFinishedAtMs()).isEqualTo(queued.getCreatedAtMs() + 10_000);
        assertThat(done.getTimings().getInferenceMs()).isEqualTo(1200);
        assertThat(done.getTimings().getImageModerationMs()).isEqualTo(30);
        assertThat(done.getTimings().getUploadMs()).isEqualTo(15);
        assertThat(done.getTimings().getTotalMs()).isEqualTo(10_000);
        assertThat(done.getTimings().getQueueWaitMs()).isEqualTo(2_000);
        assertThat(done.getReason()).isEmpty();
        assertThat(AuditTrail.of(queued.getId())).containsExactly(
                new AuditTrail.Row(null, "ACCEPTED", 0, "api", "submitted", null),
                new AuditTrail.Row("ACCEPTED", "QUEUED", 1, "moderation", "prompt.allowed", null),
                new AuditTrail.Row("QUEUED", "RUNNING", 1, "worker:w1", "task.started", null),
                new AuditTrail.Row("RUNNING", "SUCCEEDED", 1, "worker:w1", "task.succeeded", null));
        assertThat(Metrics.value("heavyweight_task_stage_seconds_count", "stage", "inference"))
                .isEqualTo(inferenceBefore + 1);
        assertThat(Metrics.value("heavyweight_tasks_finished_total", "state", "succeeded"))
                .isEqualTo(succeededBefore + 1);
    }

    @Test
    void duplicateSuccessAndLateFailureChangeNothingAndAreCounted() throws Exception {
        Task queued = submit();
        broker.publish(event(queued, TaskEventType.STARTED, 1, queued.getQueuedAtMs() + 1_000));
        awaitState(queued, TaskState.TASK_STATE_RUNNING);
        broker.publish(succeeded(queued, 1, "first.png"));
        Task done = awaitState(queued, TaskState.TASK_STATE_SUCCEEDED);
        double ignoredBefore = Metrics.ignoredEvents("terminal_state");

        broker.publish(succeeded(queued, 1, "second.png"));
        TaskEventMessage lateFailure = event(queued, TaskEventType.FAILED, 1, queued.getCreatedAtMs() + 20_000);
        broker.publish(lateFailure);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Metrics.ignoredEvents("terminal_state")).isEqualTo(ignoredBefore + 2));
        assertThat(api.get(tenant, queued.getId())).isEqualTo(done);
        assertThat(AuditTrail.of(queued.getId())).hasSize(4);
        assertThatThrownBy(() -> api.cancel(tenant, queued.getId()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).isEqualTo("task already succeeded");
                });
    }

    @Test
    void restartedAttemptIsRecordedAndEventsOfTheOldAttemptAreStale() throws Exception {
        Task queued = submit();
        broker.publish(event(queued, TaskEventType.STARTED, 1, queued.getQueuedAtMs() + 1_000));
        awaitState(queued, TaskState.TASK_STATE_RUNNING);

        broker.publish(event(queued, TaskEventType.STARTED, 2, queued.getQueuedAtMs() + 5_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(tenant, queued.getId()).getAttempt() == 2);
        double staleBefore = Metrics.ignoredEvents("stale_attempt");

        broker.publish(event(queued, TaskEventType.FAILED, 1, queued.getCreatedAtMs() + 6_000));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Metrics.ignoredEvents("stale_attempt")).isEqualTo(staleBefore + 1));
        assertThat(api.get(tenant, queued.getId()).getState()).isEqualTo(TaskState.TASK_STATE_RUNNING);

        TaskEventMessage failure = new TaskEventMessage(TaskEventMessage.SCHEMA, TaskEventType.FAILED.wireName(),
                queued.getId(), tenant, 2, "w2", queued.getCreatedAtMs() + 9_000, null, "inference_failed",
                "balancer: no node ready", TaskEventMessage.Timings.NONE, false, null, null);
        broker.publish(failure);
        Task failed = awaitState(queued, TaskState.TASK_STATE_FAILED);

        assertThat(failed.getReason()).isEqualTo("inference_failed");
        assertThat(failed.getReasonDetail()).isEqualTo("balancer: no node ready");
        assertThat(failed.getAttempt()).isEqualTo(2);
        assertThat(AuditTrail.of(queued.getId())).extracting(AuditTrail.Row::eventType, AuditTrail.Row::attempt)
                .containsExactly(
                        tuple("submitted", 0),
                        tuple("prompt.allowed", 1),
                        tuple("task.started", 1),
                        tuple("task.started", 2),
                        tuple("task.failed", 2));
    }

    @Test
    void blockedImageRejectsARunningTask() throws Exception {
        Task queued = submit();
        broker.publish(event(queued, TaskEventType.STARTED, 1, queued.getQueuedAtMs() + 1_000));
        awaitState(queued, TaskState.TASK_STATE_RUNNING);

        ModerationDecision decision = new ModerationDecision(ModerationDecision.STAGE_IMAGE, "nsfw_mobilenet_v2", List.of(
                new ModerationDecision.Topic("sexual", true, 0.97, 0.5, true, "nsfw_mobilenet_v2"),
                new ModerationDecision.Topic("violence", false, 0, 0.5, false, "")));
        broker.publish(new TaskEventMessage(TaskEventMessage.SCHEMA, TaskEventType.REJECTED.wireName(), queued.getId(),
                tenant, 1, "w1", queued.getCreatedAtMs() + 4_000, null, "image_blocked", "sexual: 0.97", TIMINGS, false,
                decision, null));
        Task rejected = awaitState(queued, TaskState.TASK_STATE_REJECTED);

        assertThat(rejected.getReason()).isEqualTo("image_blocked");
        assertThat(rejected.getReasonDetail()).isEqualTo("sexual: 0.97");
        assertThat(rejected.getImageKey()).isEmpty();
        assertThat(rejected.getModerationCategoriesList()).containsExactly("sexual");
        assertThat(rejected.getTimings().getImageModerationMs()).isEqualTo(TIMINGS.imageModerationMs());
        assertThat(rejected.getModeration().getStage()).isEqualTo("image");
        assertThat(rejected.getModeration().getEngine()).isEqualTo("nsfw_mobilenet_v2");
        assertThat(rejected.getModeration().getTopicsList())
                .extracting(t -> t.getTopic(), t -> t.getAssessed(), t -> t.getScore(), t -> t.getThreshold(), t -> t.getFlagged())
                .containsExactly(tuple("sexual", true, 0.97, 0.5, true), tuple("violence", false, 0.0, 0.5, false));
    }

    @Test
    void unusableEventsAreAcknowledgedAndCountedWhileUnknownFieldsAreTolerated() throws Exception {
        double unknownTaskBefore = Metrics.ignoredEvents("unknown_task");
        double unparseableBefore = Metrics.ignoredEvents("unparseable");
        Task queued = submit();

        broker.publish(new TaskEventMessage(TaskEventMessage.SCHEMA, "task.started", UUID.randomUUID().toString(),
                tenant, 1, "w1", System.currentTimeMillis(), null, null, null, null, false, null, null));
        broker.publishRaw("task.started", "{ this is not json");
        broker.publishRaw("task.started", """
                {"schema":1,"type":"task.started","taskId":"%s","tenant":"%s","attempt":1,"worker":"w9",
                 "occurredAtMs":%d,"gpuNode":"node-3","addedInSchema2":{"x":1}}"""
                .formatted(queued.getId(), tenant, queued.getQueuedAtMs() + 500));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.ignoredEvents("unknown_task")).isEqualTo(unknownTaskBefore + 1);
            assertThat(Metrics.ignoredEvents("unparseable")).isEqualTo(unparseableBefore + 1);
        });
        Task running = awaitState(queued, TaskState.TASK_STATE_RUNNING);
        assertThat(running.getStartedAtMs()).isEqualTo(queued.getQueuedAtMs() + 500);
    }

    private Task submit() {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse at dusk").build());
        assertThat(broker.awaitJob(Lane.INTERACTIVE).message().taskId()).isEqualTo(task.getId());
        return task;
    }

    private Task awaitState(Task task, TaskState state) {
        return api.awaitState(task, state);
    }

    private TaskEventMessage event(Task task, TaskEventType type, int attempt, long occurredAtMs) {
        return WorkerEvents.event(task, type, attempt, occurredAtMs);
    }

    private TaskEventMessage succeeded(Task task, int attempt, String imageKey) {
        return WorkerEvents.succeeded(task, attempt, imageKey);
    }
}
