package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a worker's {@code task.failed} does: retry with the next attempt, or end the task. */
@QuarkusTest
class TaskRetryTest extends TaskServiceFixture {

    @Test
    void transientFailureQueuesTheNextAttemptWithAHigherPriority() throws Exception {
        double retriesBefore = Metrics.value("heavyweight_task_retries_total");
        Task task = submit();
        JobMessage first = broker.awaitJob(Lane.INTERACTIVE).message();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.priority()).isEqualTo(5);
        assertThat(first.maxAttempts()).isEqualTo(3);
        broker.publish(WorkerEvents.started(task, 1));
        api.awaitState(task, TaskState.TASK_STATE_RUNNING);

        broker.publish(WorkerEvents.failed(task, 1, "inference_failed", "UNAVAILABLE: no node ready", true));

        Broker.Job second = broker.awaitJob(Lane.INTERACTIVE);
        assertThat(second.message().taskId()).isEqualTo(task.getId());
        assertThat(second.message().attempt()).isEqualTo(2);
        assertThat(second.message().maxAttempts()).isEqualTo(3);
        assertThat(second.message().priority()).isEqualTo(6);
        assertThat(second.properties().getPriority()).isEqualTo(6);
        assertThat(second.message().deadlineMs()).isEqualTo(first.deadlineMs());
        Task retried = api.get(tenant, task.getId());
        assertThat(retried.getState()).isEqualTo(TaskState.TASK_STATE_QUEUED);
        assertThat(retried.getAttempt()).isEqualTo(2);
        assertThat(retried.getReason()).isEmpty();
        assertThat(AuditTrail.of(task.getId())).last()
                .isEqualTo(new AuditTrail.Row("RUNNING", "QUEUED", 2, "worker:w1", "task.failed", "inference_failed"));
        assertThat(Metrics.value("heavyweight_task_retries_total")).isEqualTo(retriesBefore + 1);
    }

    @Test
    void transientFailureOfTheLastAttemptFailsTheTask() throws Exception {
        Task task = submit();
        for (int attempt = 1; attempt <= 3; attempt++) {
            JobMessage job = broker.awaitJob(Lane.INTERACTIVE).message();
            assertThat(job.attempt()).isEqualTo(attempt);
            assertThat(job.isLastAttempt()).isEqualTo(attempt == 3);
            broker.publish(WorkerEvents.started(task, attempt));
            broker.publish(WorkerEvents.failed(task, attempt, "upload_failed", "S3: connection reset", true));
        }

        Task failed = api.awaitState(task, TaskState.TASK_STATE_FAILED);

        assertThat(failed.getAttempt()).isEqualTo(3);
        assertThat(failed.getReason()).isEqualTo("upload_failed");
        assertThat(failed.getReasonDetail())
                .isEqualTo("attempt 3 of 3 failed and no attempts are left: S3: connection reset");
        Database.awaitOutboxDrained();
        assertThat(broker.take(Lane.INTERACTIVE)).isNull();
    }

    @Test
    void permanentFailureFailsTheTaskAtOnce() throws Exception {
        double retriesBefore = Metrics.value("heavyweight_task_retries_total");
        Task task = submit();
        broker.awaitJob(Lane.INTERACTIVE);
        broker.publish(WorkerEvents.started(task, 1));

        broker.publish(WorkerEvents.failed(task, 1, "bad_model_output", "expected [1,512,512,3]", false));

        Task failed = api.awaitState(task, TaskState.TASK_STATE_FAILED);
        assertThat(failed.getAttempt()).isEqualTo(1);
        assertThat(failed.getReason()).isEqualTo("bad_model_output");
        assertThat(failed.getReasonDetail()).isEqualTo("expected [1,512,512,3]");
        assertThat(Database.outbox(task.getId())).isEmpty();
        assertThat(Metrics.value("heavyweight_task_retries_total")).isEqualTo(retriesBefore);
    }

    @Test
    void passedDeadlineReportedByTheWorkerExpiresTheTask() throws Exception {
        Task task = submit();
        broker.awaitJob(Lane.INTERACTIVE);

        broker.publish(WorkerEvents.failed(task, 1, "deadline_exceeded", "the job's deadline passed in the lane", true));

        Task expired = api.awaitState(task, TaskState.TASK_STATE_EXPIRED);
        assertThat(expired.getReason()).isEqualTo("deadline_exceeded");
        assertThat(expired.getReasonDetail()).isEqualTo("the job's deadline passed in the lane");
        assertThat(AuditTrail.of(task.getId())).last()
                .isEqualTo(new AuditTrail.Row("QUEUED", "EXPIRED", 1, "worker:w1", "task.failed", "deadline_exceeded"));
        assertThat(Database.outbox(task.getId())).isEmpty();
    }

    @Test
    void aRepeatedFailureOfAnAttemptAlreadyRetriedIsStale() throws Exception {
        Task task = submit();
        broker.awaitJob(Lane.INTERACTIVE);
        broker.publish(WorkerEvents.failed(task, 1, "inference_failed", "timeout", true));
        assertThat(broker.awaitJob(Lane.INTERACTIVE).message().attempt()).isEqualTo(2);
        double staleBefore = Metrics.ignoredEvents("stale_attempt");

        broker.publish(WorkerEvents.failed(task, 1, "inference_failed", "timeout", true));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Metrics.ignoredEvents("stale_attempt") == staleBefore + 1);
        Task current = api.get(tenant, task.getId());
        assertThat(current.getState()).isEqualTo(TaskState.TASK_STATE_QUEUED);
        assertThat(current.getAttempt()).isEqualTo(2);
        Database.awaitOutboxDrained();
        assertThat(broker.take(Lane.INTERACTIVE)).isNull();
    }

    private Task submit() {
        return api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a lighthouse at dusk").build());
    }
}
