package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.PATIENCE;
import static dev.heavyweight.worker.messaging.Jobs.awaitFinalEvent;
import static dev.heavyweight.worker.messaging.Jobs.job;
import static dev.heavyweight.worker.messaging.Jobs.jobs;
import static dev.heavyweight.worker.messaging.Jobs.keyOf;
import static dev.heavyweight.worker.messaging.Jobs.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModerationResource;
import dev.heavyweight.worker.service.CancellationRegistry;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Deadlines, cancellation, idempotent completion and the transient/permanent split, against the real broker and S3. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class JobReliabilityTest extends RunningWorkerFixture {

    @Inject
    CancellationListener cancellationListener;

    @Inject
    CancellationRegistry cancellations;

    @Inject
    S3Client s3;

    @BeforeEach
    void listeningForCancellations() {
        await().atMost(PATIENCE).until(cancellationListener::isListening);
    }

    @Test
    void jobPastItsDeadlineFailsAsDeadlineExceededWithoutCallingTheBalancer() throws Exception {
        String expired = jobs(Lane.INTERACTIVE, "expired");
        double before = metric(expired);
        JobMessage job = Jobs.deadline(job(Lane.INTERACTIVE), System.currentTimeMillis() - 1_000);
        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.failed");
        assertThat(events.get(0).reason()).isEqualTo("deadline_exceeded");
        assertThat(events.get(0).retryable()).isFalse();
        assertThat(balancer.requestsFor(job.taskId())).isZero();
        await().atMost(PATIENCE).until(() -> metric(expired) == before + 1);
        assertSettledWithoutDeadLetter(job);
    }

    @Test
    void deadlinePassingDuringInferenceCancelsTheCallAndFailsAsDeadlineExceeded() throws Exception {
        balancer.calls().hold(true);
        JobMessage job = Jobs.deadline(job(Lane.BATCH), System.currentTimeMillis() + 4_000);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("deadline_exceeded");
        assertThat(failed.retryable()).isFalse();
        await().atMost(PATIENCE).until(() -> balancer.calls().wasCancelled(job.taskId()));
        assertSettledWithoutDeadLetter(job);
    }

    @Test
    void jobOfATaskCancelledBeforeItRunsIsAckedWithoutCallOrEvents() throws Exception {
        String cancelled = jobs(Lane.BATCH, "cancelled");
        double before = metric(cancelled);
        JobMessage job = job(Lane.BATCH);
        broker.publishCancel(job);
        await().atMost(PATIENCE).until(() -> cancellations.isCancelled(job.taskId()));

        broker.publish(job);

        await().atMost(PATIENCE).until(() -> metric(cancelled) == before + 1);
        assertSettledWithoutDeadLetter(job);
        assertThat(broker.eventsFor(job.taskId())).isEmpty();
        assertThat(balancer.requestsFor(job.taskId())).isZero();
    }

    @Test
    void cancellingARunningJobCancelsItsCallAndAcksItWithoutFurtherEvents() throws Exception {
        String cancelled = jobs(Lane.INTERACTIVE, "cancelled");
        double before = metric(cancelled);
        balancer.calls().hold(true);
        JobMessage job = job(Lane.INTERACTIVE);
        broker.publish(job);
        await().atMost(PATIENCE).until(() -> balancer.calls().heldTasks().contains(job.taskId()));

        broker.publishCancel(job);

        await().atMost(PATIENCE).until(() -> balancer.calls().wasCancelled(job.taskId()));
        await().atMost(PATIENCE).until(() -> metric(cancelled) == before + 1);
        assertSettledWithoutDeadLetter(job);
        assertThat(broker.eventsFor(job.taskId())).extracting(TaskEventMessage::type).containsExactly("task.started");
    }

    @Test
    void imageStoredByAnEarlierDeliveryIsReportedWithoutGeneratingAgain() throws Exception {
        String alreadyDone = jobs(Lane.INTERACTIVE, "already_done");
        double before = metric(alreadyDone);
        JobMessage job = job(Lane.INTERACTIVE);
        byte[] earlier = "the png an earlier delivery stored".getBytes(StandardCharsets.UTF_8);
        s3.putObject(put -> put.bucket("heavyweight-results").key(keyOf(job)), RequestBody.fromBytes(earlier));

        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.succeeded");
        assertThat(events.get(0).imageKey()).isEqualTo(keyOf(job));
        assertThat(balancer.requestsFor(job.taskId())).isZero();
        assertThat(s3.getObjectAsBytes(get -> get.bucket("heavyweight-results").key(keyOf(job))).asByteArray())
                .isEqualTo(earlier);
        await().atMost(PATIENCE).until(() -> metric(alreadyDone) == before + 1);
    }

    @Test
    void theSameJobDeliveredTwiceIsGeneratedOnceAndReportsOneImage() throws Exception {
        JobMessage job = job(Lane.BATCH);
        broker.publish(job);
        awaitFinalEvent(broker, job.taskId());
        byte[] first = s3.getObjectAsBytes(get -> get.bucket("heavyweight-results").key(keyOf(job))).asByteArray();

        broker.publish(job);

        List<TaskEventMessage> events = await().atMost(PATIENCE).until(() -> broker.eventsFor(job.taskId()),
                seen -> seen.stream().filter(e -> e.type().equals("task.succeeded")).count() == 2);
        assertThat(events).filteredOn(e -> e.type().equals("task.succeeded"))
                .extracting(TaskEventMessage::imageKey).containsOnly(keyOf(job));
        assertThat(balancer.requestsFor(job.taskId())).isEqualTo(1);
        assertThat(s3.getObjectAsBytes(get -> get.bucket("heavyweight-results").key(keyOf(job))).asByteArray())
                .isEqualTo(first);
    }

    @Test
    void transientFailureBeforeTheLastAttemptIsRetryableAndAcked() throws Exception {
        String retryable = jobs(Lane.INTERACTIVE, "retryable_failed");
        double before = metric(retryable);
        balancer.failNext(1, Status.UNAVAILABLE.withDescription("every node is busy"));
        JobMessage job = Jobs.attempt(job(Lane.INTERACTIVE), 2);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("inference_failed");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.attempt()).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> metric(retryable) == before + 1);
        assertSettledWithoutDeadLetter(job);
    }

    @Test
    void transientFailureOnTheLastAttemptIsReportedThenDeadLettered() throws Exception {
        String deadLettered = jobs(Lane.BATCH, "dead_lettered");
        double before = metric(deadLettered);
        balancer.failNext(1, Status.RESOURCE_EXHAUSTED.withDescription("out of GPU memory"));
        JobMessage job = Jobs.attempt(job(Lane.BATCH), Jobs.MAX_ATTEMPTS);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.detail()).contains("RESOURCE_EXHAUSTED");
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(broker.deadLetters()).anyMatch(body -> body.contains(job.taskId())));
        assertThat(metric(deadLettered)).isEqualTo(before + 1);
    }

    @Test
    void permanentFailureIsNotRetryableAndAckedEvenOnTheLastAttempt() throws Exception {
        String failedOutcome = jobs(Lane.INTERACTIVE, "failed");
        double before = metric(failedOutcome);
        balancer.failNext(1, Status.INVALID_ARGUMENT.withDescription("steps must be positive"));
        JobMessage job = Jobs.attempt(job(Lane.INTERACTIVE), Jobs.MAX_ATTEMPTS);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("inference_failed");
        assertThat(failed.detail()).contains("INVALID_ARGUMENT").contains("steps must be positive");
        assertThat(failed.retryable()).isFalse();
        await().atMost(PATIENCE).until(() -> metric(failedOutcome) == before + 1);
        assertSettledWithoutDeadLetter(job);
    }

    /** Once the worker settled every delivery, the job is neither back in its queue nor in the dead-letter queue. */
    private void assertSettledWithoutDeadLetter(JobMessage job) throws Exception {
        await().atMost(PATIENCE).until(() -> consumers.inFlight() == 0);
        Lane lane = Lane.fromName(job.lane()).orElseThrow();
        assertThat(broker.ready(lane.queue())).as("not requeued").isZero();
        assertThat(broker.deadLetters()).noneMatch(body -> body.contains(job.taskId()));
    }
}
