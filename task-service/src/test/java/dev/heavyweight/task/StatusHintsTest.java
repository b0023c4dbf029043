package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.messages.TaskStatusChangedMessage;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every committed state change is announced on {@code heavyweight.events} as {@code status.<state>}. */
@QuarkusTest
class StatusHintsTest extends TaskServiceFixture {

    String queue;

    @BeforeEach
    void listen() throws Exception {
        queue = broker.listenToStatus();
    }

    @AfterEach
    void stop() throws Exception {
        broker.stopListening(queue);
    }

    @Test
    void aQueueBoundToStatusHearsEveryChangeOfATaskInOrder() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse").build());
        broker.awaitJob(Lane.INTERACTIVE);
        broker.publish(WorkerEvents.event(task, TaskEventType.STARTED, 1, task.getQueuedAtMs() + 500));
        api.awaitState(task, TaskState.TASK_STATE_RUNNING);
        broker.publish(WorkerEvents.succeeded(task, 1, "tenants/" + tenant + "/tasks/" + task.getId() + ".png"));
        Task done = api.awaitState(task, TaskState.TASK_STATE_SUCCEEDED);

        List<Broker.Status> hints = awaitHints(4);

        assertThat(hints).extracting(Broker.Status::routingKey)
                .containsExactly("status.accepted", "status.queued", "status.running", "status.succeeded");
        assertThat(hints).extracting(hint -> hint.message().state())
                .containsExactly("accepted", "queued", "running", "succeeded");
        assertThat(hints).allSatisfy(hint -> {
            assertThat(hint.message().schema()).isEqualTo(TaskStatusChangedMessage.SCHEMA);
            assertThat(hint.message().taskId()).isEqualTo(task.getId());
            assertThat(hint.message().tenant()).isEqualTo(tenant);
            assertThat(hint.properties().getType()).isEqualTo(TaskStatusChangedMessage.TYPE);
            assertThat(hint.properties().getContentType()).isEqualTo("application/json");
        });
        assertThat(hints.get(0).message().occurredAtMs()).isEqualTo(task.getCreatedAtMs());
        assertThat(hints.get(3).message().occurredAtMs()).isEqualTo(done.getFinishedAtMs());
    }

    @Test
    void cancellationRetriesAndExpiryAreAnnouncedToo() throws Exception {
        Task cancelled = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("to cancel").build());
        api.cancel(tenant, cancelled.getId());
        Task retried = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("to retry").build());
        broker.publish(WorkerEvents.failed(retried, 1, "inference_failed", "no node ready", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(tenant, retried.getId()).getAttempt() == 2);
        Task expired = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("to expire").build());
        Database.setDeadline(expired.getId(), Instant.now().minus(Duration.ofMinutes(1)));
        api.awaitState(expired, TaskState.TASK_STATE_EXPIRED);

        List<Broker.Status> hints = awaitHints(9);

        assertThat(hints).extracting(hint -> hint.message().taskId() + " " + hint.message().state()).containsExactly(
                cancelled.getId() + " accepted",
                cancelled.getId() + " queued",
                cancelled.getId() + " cancelled",
                retried.getId() + " accepted",
                retried.getId() + " queued",
                retried.getId() + " queued",
                expired.getId() + " accepted",
                expired.getId() + " queued",
                expired.getId() + " expired");
    }

    @Test
    void aChangeNobodyListensToStillCommitsAndIsCountedAsUnrouted() throws Exception {
        broker.stopListening(queue);
        double unroutedBefore = Metrics.value("heavyweight_status_hints_total", "outcome", "unrouted");

        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a quiet sea").build());

        assertThat(task.getState()).isEqualTo(TaskState.TASK_STATE_QUEUED);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Metrics.value("heavyweight_status_hints_total", "outcome", "unrouted") >= unroutedBefore + 2);
        queue = broker.listenToStatus();
    }

    /** This test's hints received so far once there are at least {@code count}, in arrival order. */
    private List<Broker.Status> awaitHints(int count) {
        List<Broker.Status> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Broker.Status hint = broker.takeStatus(queue); hint != null; hint = broker.takeStatus(queue)) {
                if (hint.message().tenant().equals(tenant)) {
                    received.add(hint);
                }
            }
            return received.size() >= count;
        });
        return received;
    }
}
