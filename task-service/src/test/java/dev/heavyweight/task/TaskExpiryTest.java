package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sweeper ends waiting tasks whose deadline passed (the deadline is moved into the past in the database). */
@QuarkusTest
class TaskExpiryTest extends TaskServiceFixture {

    @Test
    void queuedTaskPastItsDeadlineExpires() throws Exception {
        double expiredBefore = Metrics.value("heavyweight_tasks_finished_total", "state", "expired");
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a harbour").build());
        broker.awaitJob(Lane.INTERACTIVE);

        Database.setDeadline(task.getId(), Instant.now().minus(Duration.ofMinutes(1)));

        Task expired = api.awaitState(task, TaskState.TASK_STATE_EXPIRED);
        assertThat(expired.getReason()).isEqualTo("deadline_exceeded");
        assertThat(expired.getFinishedAtMs()).isPositive();
        assertThat(AuditTrail.of(task.getId())).last()
                .isEqualTo(new AuditTrail.Row("QUEUED", "EXPIRED", 1, "expiry", "deadline.passed", "deadline_exceeded"));
        assertThat(Metrics.value("heavyweight_tasks_finished_total", "state", "expired")).isEqualTo(expiredBefore + 1);
    }

    @Test
    void acceptedTaskExpiresDuringAModerationOutageLongerThanItsDeadline() throws Exception {
        ScriptedModerationService.outage(true);
        Task task = api.submit(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a harbour").build());
        assertThat(Database.outbox(task.getId())).extracting(Database.OutboxRow::kind).containsExactly("admit");

        Database.setDeadline(task.getId(), Instant.now().minus(Duration.ofMinutes(1)));

        Task expired = api.awaitState(task, TaskState.TASK_STATE_EXPIRED);
        assertThat(expired.getReason()).isEqualTo("deadline_exceeded");
        assertThat(Database.outbox(task.getId())).isEmpty();
        ScriptedModerationService.outage(false);
        Database.awaitOutboxDrained();
        assertThat(api.get(tenant, task.getId())).isEqualTo(expired);
        assertThat(broker.ready(Lane.INTERACTIVE)).isZero();
        assertThat(AuditTrail.of(task.getId())).extracting(AuditTrail.Row::to).containsExactly("ACCEPTED", "EXPIRED");
    }

    @Test
    void runningTaskIsLeftToItsWorker() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a harbour").build());
        broker.awaitJob(Lane.INTERACTIVE);
        broker.publish(WorkerEvents.started(task, 1));
        api.awaitState(task, TaskState.TASK_STATE_RUNNING);
        Database.setDeadline(task.getId(), Instant.now().minus(Duration.ofMinutes(1)));
        Task other = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a pier").build());
        Database.setDeadline(other.getId(), Instant.now().minus(Duration.ofMinutes(1)));

        // Once a later-queued task past its deadline has been swept, the running one has been looked at too.
        api.awaitState(other, TaskState.TASK_STATE_EXPIRED);
        assertThat(api.get(tenant, task.getId()).getState()).isEqualTo(TaskState.TASK_STATE_RUNNING);
    }
}
