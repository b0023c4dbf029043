package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.PATIENCE;
import static dev.heavyweight.worker.messaging.Jobs.awaitFinalEvent;
import static dev.heavyweight.worker.messaging.Jobs.gauge;
import static dev.heavyweight.worker.messaging.Jobs.job;
import static dev.heavyweight.worker.messaging.Jobs.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModerationResource;
import dev.heavyweight.worker.fake.HeldCalls;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the worker's slots (3 in tests, at most 2 for batch) are shared, watched through a balancer that
 * holds every call until the test releases it; and the lane depth gauges against the broker's count.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class SlotSchedulingTest extends RunningWorkerFixture {

    private static final String BATCH = Lane.BATCH.routingKey();
    private static final String INTERACTIVE = Lane.INTERACTIVE.routingKey();

    @BeforeEach
    void aHoldingBalancer() {
        calls().hold(true);
    }

    @Test
    void batchNeverExceedsItsCapWhileInteractiveStillRuns() throws Exception {
        List<JobMessage> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            published.add(publish(job(Lane.BATCH)));
        }
        await().atMost(PATIENCE).until(() -> calls().running(BATCH) == 2);

        JobMessage interactive = publish(job(Lane.INTERACTIVE));
        published.add(interactive);
        await().atMost(PATIENCE).until(() -> calls().heldTasks().contains(interactive.taskId()));
        assertThat(calls().running(BATCH)).isEqualTo(2);
        assertThat(balancer.requestFor(published.get(2).taskId())).as("third batch job still queued").isEmpty();

        calls().releaseAll();
        for (JobMessage job : published) {
            assertThat(Jobs.last(awaitFinalEvent(broker, job.taskId())).type()).isEqualTo("task.succeeded");
        }
        assertThat(calls().mostRunning(BATCH)).isEqualTo(2);
        assertThat(calls().mostRunningTotal()).isLessThanOrEqualTo(3);
    }

    @Test
    void whenBothLanesWaitTheFreedSlotGoesToInteractive() throws Exception {
        JobMessage batch1 = publish(job(Lane.BATCH));
        await().atMost(PATIENCE).until(() -> calls().heldTasks().contains(batch1.taskId()));
        JobMessage interactive1 = publish(job(Lane.INTERACTIVE));
        JobMessage interactive2 = publish(job(Lane.INTERACTIVE));
        await().atMost(PATIENCE).until(() -> calls().heldTasks().size() == 3);

        JobMessage batch2 = publish(job(Lane.BATCH));
        await().atMost(PATIENCE).until(() -> metric(gauge("heavyweight_worker_waiting", Lane.BATCH)) == 1);
        JobMessage interactive3 = publish(job(Lane.INTERACTIVE));
        await().atMost(PATIENCE).until(() -> metric(gauge("heavyweight_worker_waiting", Lane.INTERACTIVE)) == 1);
        assertThat(metric(gauge("heavyweight_worker_inflight", Lane.INTERACTIVE))).isEqualTo(2);
        assertThat(metric(gauge("heavyweight_worker_inflight", Lane.BATCH))).isEqualTo(1);

        assertThat(calls().release(interactive1.taskId())).isTrue();
        await().atMost(PATIENCE).until(() -> calls().heldTasks().contains(interactive3.taskId()));
        assertThat(balancer.requestFor(batch2.taskId())).as("batch waits while interactive takes the slot").isEmpty();
        assertThat(metric(gauge("heavyweight_worker_waiting", Lane.BATCH))).isEqualTo(1);

        calls().releaseAll();
        for (JobMessage job : List.of(batch1, interactive1, interactive2, batch2, interactive3)) {
            assertThat(Jobs.last(awaitFinalEvent(broker, job.taskId())).type()).isEqualTo("task.succeeded");
        }
        assertThat(calls().mostRunningTotal()).isLessThanOrEqualTo(3);
        assertThat(balancer.arrivals()).containsSubsequence(interactive3.taskId(), batch2.taskId());
    }

    @Test
    void queueDepthGaugeShowsWhatTheBrokerHolds() throws Exception {
        List<JobMessage> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(publish(job(Lane.BATCH)));
        }
        // Two run (held), the batch prefetch is used up: three stay ready in the queue.
        await().atMost(PATIENCE).until(() -> calls().running(BATCH) == 2 && broker.ready(Lane.BATCH.queue()) == 3);

        await().atMost(PATIENCE).until(() -> metric(gauge("heavyweight_queue_depth", Lane.BATCH)) == 3);
        assertThat(metric(gauge("heavyweight_queue_depth", Lane.INTERACTIVE)))
                .isEqualTo((double) broker.ready(Lane.INTERACTIVE.queue())).isZero();

        calls().releaseAll();
        for (JobMessage job : published) {
            awaitFinalEvent(broker, job.taskId());
        }
        await().atMost(PATIENCE).until(() -> metric(gauge("heavyweight_queue_depth", Lane.BATCH)) == 0);
        assertThat(broker.ready(Lane.BATCH.queue())).isZero();
    }

    private HeldCalls calls() {
        return balancer.calls();
    }

    private static JobMessage publish(JobMessage job) throws Exception {
        broker.publish(job);
        return job;
    }
}
