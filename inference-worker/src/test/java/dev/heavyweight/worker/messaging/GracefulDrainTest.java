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
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModerationResource;
import dev.heavyweight.worker.fake.HeldCalls;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The shutdown drain, step by step as the ShutdownEvent runs it (without the grace period's clock). It
 * leaves the worker drained, so it runs in an application of its own (a profile of its own).
 */
@QuarkusTest
@TestProfile(GracefulDrainTest.OwnApplication.class)
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class GracefulDrainTest extends RunningWorkerFixture {

    /** The test configuration, in a separate application instance. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Test
    void waitingJobsGoBackAtOnceRunningJobsFinishOrAreCancelledAndRequeued() throws Exception {
        HeldCalls calls = balancer.calls();
        calls.hold(true);
        JobMessage batch = publish(job(Lane.BATCH));
        JobMessage finishing = publish(job(Lane.INTERACTIVE));
        JobMessage unfinished = publish(job(Lane.INTERACTIVE));
        await().atMost(PATIENCE).until(() -> calls.heldTasks().size() == 3);
        JobMessage waiting = publish(job(Lane.INTERACTIVE));
        await().atMost(PATIENCE).until(() -> metric(gauge("heavyweight_worker_waiting", Lane.INTERACTIVE)) == 1);

        consumers.stopTakingJobs();

        await().atMost(PATIENCE).until(() -> broker.ready(Lane.INTERACTIVE.queue()) == 1);
        assertThat(metric(gauge("heavyweight_worker_waiting", Lane.INTERACTIVE))).isZero();
        assertThat(calls.heldTasks()).containsExactlyInAnyOrder(batch.taskId(), finishing.taskId(), unfinished.taskId());
        assertThat(balancer.requestFor(waiting.taskId())).isEmpty();

        assertThat(calls.release(finishing.taskId())).isTrue();
        assertThat(Jobs.last(awaitFinalEvent(broker, finishing.taskId())).type()).isEqualTo("task.succeeded");
        await().atMost(PATIENCE).until(() -> consumers.inFlight() == 2);

        assertThat(consumers.handBackRunning()).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> calls.wasCancelled(batch.taskId()) && calls.wasCancelled(unfinished.taskId()));
        await().atMost(PATIENCE).until(() -> consumers.inFlight() == 0);
        consumers.close();

        await().atMost(PATIENCE).until(() -> broker.ready(Lane.INTERACTIVE.queue()) == 2
                && broker.ready(Lane.BATCH.queue()) == 1);
        for (JobMessage handedBack : new JobMessage[] {batch, unfinished}) {
            assertThat(broker.eventsFor(handedBack.taskId())).extracting(TaskEventMessage::type)
                    .containsExactly("task.started");
        }
        assertThat(broker.eventsFor(waiting.taskId())).isEmpty();
        assertThat(broker.deadLetters()).isEmpty();
    }

    private static JobMessage publish(JobMessage job) throws Exception {
        broker.publish(job);
        return job;
    }
}
