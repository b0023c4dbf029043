package dev.heavyweight.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskCancelledMessage;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outages of moderation, broker lanes and the database delay tasks; they never fail or lose them. */
@QuarkusTest
class OutboxRelayTest extends TaskServiceFixture {

    @AfterEach
    void batchLaneBound() throws Exception {
        broker.bind(Lane.BATCH);
    }

    @Test
    void moderationOutageKeepsTheTaskAcceptedWithoutAJobUntilModerationAnswers() throws Exception {
        double failedBefore = Metrics.outboxAttempts("admit", "failed");
        ScriptedModerationService.outage(true);

        Task accepted = api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse").build());

        assertThat(accepted.getState()).isEqualTo(TaskState.TASK_STATE_ACCEPTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> Metrics.outboxAttempts("admit", "failed") >= failedBefore + 2);
        assertThat(api.get(tenant, accepted.getId()).getState()).isEqualTo(TaskState.TASK_STATE_ACCEPTED);
        assertThat(Database.outbox(accepted.getId())).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo("admit");
            assertThat(row.tries()).isPositive();
            assertThat(row.lastError()).contains("UNAVAILABLE");
        });
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();

        ScriptedModerationService.outage(false);

        Task queued = api.awaitState(accepted, TaskState.TASK_STATE_QUEUED);
        assertThat(broker.awaitJob(Lane.INTERACTIVE).message().taskId()).isEqualTo(queued.getId());
        Database.awaitOutboxDrained();
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();
        assertThat(AuditTrail.of(queued.getId())).extracting(AuditTrail.Row::to).containsExactly("ACCEPTED", "QUEUED");
    }

    @Test
    void jobNoLaneTakesStaysOwedAndIsPublishedOnceTheLaneIsBoundAgain() throws Exception {
        double failedBefore = Metrics.outboxAttempts("publish", "failed");
        broker.unbind(Lane.BATCH);

        Task queued = api.submitQueued(batch("a city of glass"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Metrics.outboxAttempts("publish", "failed") >= failedBefore + 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Metrics.value("heavyweight_outbox_pending", "kind", "publish") >= 1);
        assertThat(Database.outbox(queued.getId())).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo("publish");
            assertThat(row.attempt()).isEqualTo(1);
            assertThat(row.lastError()).contains("returned");
        });
        assertThat(api.get(tenant, queued.getId()).getState()).isEqualTo(TaskState.TASK_STATE_QUEUED);

        broker.bind(Lane.BATCH);

        assertThat(broker.awaitJob(Lane.BATCH).message().taskId()).isEqualTo(queued.getId());
        Database.awaitOutboxDrained();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Metrics.value("heavyweight_outbox_pending", "kind", "publish") == 0);
        assertThat(broker.ready(Lane.BATCH)).isZero();
    }

    @Test
    void cancellingAQueuedTaskDropsItsPendingJobAndTellsTheWorkers() throws Exception {
        String control = broker.listenToControl();
        try {
            broker.unbind(Lane.BATCH);
            Task queued = api.submitQueued(batch("a red kite"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Database.outbox(queued.getId()).stream()
                    .anyMatch(row -> row.kind().equals("publish") && row.tries() > 0));

            Task cancelled = api.cancel(tenant, queued.getId());

            assertThat(cancelled.getState()).isEqualTo(TaskState.TASK_STATE_CANCELLED);
            assertThat(Database.outbox(queued.getId())).extracting(Database.OutboxRow::kind).doesNotContain("publish");
            Broker.Control message = broker.awaitControl(control);
            assertThat(message.message()).isEqualTo(new TaskCancelledMessage(TaskCancelledMessage.SCHEMA,
                    queued.getId(), tenant, cancelled.getFinishedAtMs()));
            assertThat(message.properties().getType()).isEqualTo(TaskCancelledMessage.TYPE);
            broker.bind(Lane.BATCH);
            Database.awaitOutboxDrained();
            assertThat(broker.ready(Lane.BATCH)).isZero();
        } finally {
            broker.stopListening(control);
        }
    }

    @Test
    void cancellationNoWorkerHearsIsStillDone() throws Exception {
        double unheardBefore = Metrics.outboxAttempts("cancel", "unheard");
        Task queued = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a red kite").build());
        broker.awaitJob(Lane.INTERACTIVE);

        api.cancel(tenant, queued.getId());

        await().atMost(Duration.ofSeconds(30)).until(() -> Metrics.outboxAttempts("cancel", "unheard") == unheardBefore + 1);
        assertThat(Database.outbox(queued.getId())).isEmpty();
    }

    @Test
    void cancellingAnAcceptedTaskOwesNothing() throws Exception {
        ScriptedModerationService.outage(true);
        Task accepted = api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a red kite").build());

        Task cancelled = api.cancel(tenant, accepted.getId());

        assertThat(cancelled.getState()).isEqualTo(TaskState.TASK_STATE_CANCELLED);
        assertThat(Database.outbox(accepted.getId())).isEmpty();
        assertThat(AuditTrail.of(accepted.getId())).extracting(AuditTrail.Row::to).containsExactly("ACCEPTED", "CANCELLED");
    }

    @Test
    void databaseDroppingEveryConnectionIsSurvived() throws Exception {
        api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("before").build());
        broker.awaitJob(Lane.INTERACTIVE);

        assertThat(Database.dropAllConnections()).isPositive();

        Task after = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("after").build()),
                        task -> task != null);
        api.awaitState(after, TaskState.TASK_STATE_QUEUED);
        assertThat(broker.awaitJob(Lane.INTERACTIVE).message().taskId()).isEqualTo(after.getId());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private SubmitRequest batch(String prompt) {
        return SubmitRequest.newBuilder()
                .setTenant(tenant)
                .setPrompt(prompt)
                .setLane(dev.heavyweight.contracts.task.Lane.LANE_BATCH)
                .build();
    }
}
