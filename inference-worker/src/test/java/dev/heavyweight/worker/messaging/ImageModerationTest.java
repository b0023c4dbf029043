package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.PATIENCE;
import static dev.heavyweight.worker.messaging.Jobs.awaitFinalEvent;
import static dev.heavyweight.worker.messaging.Jobs.job;
import static dev.heavyweight.worker.messaging.Jobs.jobs;
import static dev.heavyweight.worker.messaging.Jobs.keyOf;
import static dev.heavyweight.worker.messaging.Jobs.metric;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModeration;
import dev.heavyweight.worker.fake.FakeModeration.Answer;
import dev.heavyweight.worker.fake.FakeModerationResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Image moderation between encoding and upload, against the real broker and S3, with a scripted
 * moderation-service: allowed images go to the tenant's key, blocked ones to quarantine only, and no
 * verdict means a transient failure with nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class ImageModerationTest extends RunningWorkerFixture {

    private static final String BUCKET = "heavyweight-results";

    @Inject
    S3Client s3;

    @Test
    void allowedImageIsModeratedThenStoredForItsTenant() throws Exception {
        JobMessage job = job(Lane.BATCH);
        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.started", "task.succeeded");
        TaskEventMessage succeeded = events.get(1);
        assertThat(succeeded.imageKey()).isEqualTo(keyOf(job));
        assertThat(succeeded.timings().imageModerationMs()).isPositive();
        assertThat(succeeded.moderation()).isNull();
        assertThat(moderation.requestsFor(job.taskId())).isEqualTo(1);

        ModerateImageRequest asked = moderation.requestFor(job.taskId()).orElseThrow();
        assertThat(asked.getTenant()).isEqualTo(job.tenant());
        assertThat(asked.getLane()).isEqualTo("batch");
        assertThat(object(keyOf(job))).isEqualTo(asked.getPng().toByteArray());
        assertThat(exists(quarantineKeyOf(job))).isFalse();
    }

    @Test
    void blockedImageGoesToQuarantineOnlyAndTheTaskIsRejectedWithTheDecision() throws Exception {
        String rejected = jobs(Lane.INTERACTIVE, "rejected");
        double before = metric(rejected);
        JobMessage job = job(Lane.INTERACTIVE);
        moderation.answer(job.taskId(), Answer.BLOCK);
        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.started", "task.rejected");
        TaskEventMessage event = events.get(1);
        assertThat(event.reason()).isEqualTo("image_blocked");
        assertThat(event.detail()).isEqualTo(FakeModeration.DETAIL);
        assertThat(event.imageKey()).isNull();
        assertThat(event.retryable()).isFalse();
        assertThat(event.timings().inferenceMs()).isPositive();
        assertThat(event.timings().imageModerationMs()).isPositive();
        assertThat(moderation.requestsFor(job.taskId())).isEqualTo(1);
        ModerationDecision decision = event.moderation();
        assertThat(decision.stage()).isEqualTo("image");
        assertThat(decision.engine()).isEqualTo(FakeModeration.ENGINE);
        assertThat(decision.topics()).containsExactly(
                new ModerationDecision.Topic("sexual", true, 0.91, 0.5, true, FakeModeration.ENGINE),
                new ModerationDecision.Topic("violence", true, 0.02, 0.5, false, FakeModeration.ENGINE),
                new ModerationDecision.Topic("minors", false, 0, 0.45, false, null));

        assertThat(exists(keyOf(job))).as("nothing under the tenant's key").isFalse();
        byte[] judged = moderation.requestFor(job.taskId()).orElseThrow().getPng().toByteArray();
        assertThat(object(quarantineKeyOf(job))).isEqualTo(judged);
        await().atMost(PATIENCE).until(() -> metric(rejected) == before + 1);
        assertSettledWithoutDeadLetter(job);
    }

    @Test
    void imageNoEngineCouldJudgeIsRejectedAsUnassessed() throws Exception {
        JobMessage job = job(Lane.BATCH);
        moderation.answer(job.taskId(), Answer.UNASSESSED);
        broker.publish(job);

        TaskEventMessage event = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(event.type()).isEqualTo("task.rejected");
        assertThat(event.reason()).isEqualTo("image_unassessed");
        assertThat(event.detail()).contains("minors");
        assertThat(event.moderation().stage()).isEqualTo("image");
        assertThat(event.moderation().engine()).isEqualTo("policy");
        assertThat(exists(keyOf(job))).isFalse();
        assertThat(exists(quarantineKeyOf(job))).isTrue();
    }

    @Test
    void noVerdictIsARetryableFailureWithNothingStoredAndTheNextAttemptStoresTheImage() throws Exception {
        String retryable = jobs(Lane.INTERACTIVE, "retryable_failed");
        double before = metric(retryable);
        JobMessage job = job(Lane.INTERACTIVE);
        moderation.answer(job.taskId(), Answer.UNAVAILABLE);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("image_moderation_unavailable");
        assertThat(failed.detail()).contains("UNAVAILABLE").contains("the safety model is loading");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.timings().imageModerationMs()).isPositive();
        assertThat(exists(keyOf(job))).isFalse();
        assertThat(exists(quarantineKeyOf(job))).isFalse();
        await().atMost(PATIENCE).until(() -> metric(retryable) == before + 1);
        assertSettledWithoutDeadLetter(job);

        // task-service answers a retryable failure with the next attempt's job.
        moderation.answer(job.taskId(), Answer.ALLOW);
        JobMessage retry = Jobs.attempt(job, 2);
        broker.publish(retry);
        List<TaskEventMessage> events = await().atMost(PATIENCE).until(() -> broker.eventsFor(job.taskId()),
                seen -> Jobs.last(seen).type().equals("task.succeeded"));
        assertThat(Jobs.last(events).attempt()).isEqualTo(2);
        assertThat(moderation.requestsFor(job.taskId())).isEqualTo(2);
        assertThat(object(keyOf(job))).isEqualTo(moderation.lastRequestFor(job.taskId()).orElseThrow().getPng().toByteArray());
    }

    @Test
    void moderationServiceWithoutModerateImageIsAlsoNoVerdict() throws Exception {
        JobMessage job = job(Lane.BATCH);
        moderation.answer(job.taskId(), Answer.UNIMPLEMENTED);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.reason()).isEqualTo("image_moderation_unavailable");
        assertThat(failed.detail()).contains("UNIMPLEMENTED");
        assertThat(failed.retryable()).isTrue();
        assertThat(exists(keyOf(job))).isFalse();
        assertThat(exists(quarantineKeyOf(job))).isFalse();
    }

    @Test
    void moderationPastItsDeadlineIsNoVerdict() throws Exception {
        JobMessage job = job(Lane.INTERACTIVE);
        moderation.answer(job.taskId(), Answer.NEVER);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.reason()).isEqualTo("image_moderation_unavailable");
        assertThat(failed.detail()).contains("DEADLINE_EXCEEDED");
        assertThat(failed.retryable()).isTrue();
        assertThat(exists(keyOf(job))).isFalse();
        assertThat(exists(quarantineKeyOf(job))).isFalse();
    }

    @Test
    void noVerdictOnTheLastAttemptIsReportedThenDeadLettered() throws Exception {
        JobMessage job = Jobs.attempt(job(Lane.BATCH), Jobs.MAX_ATTEMPTS);
        moderation.answer(job.taskId(), Answer.UNAVAILABLE);
        broker.publish(job);

        TaskEventMessage failed = Jobs.last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.reason()).isEqualTo("image_moderation_unavailable");
        assertThat(failed.retryable()).isTrue();
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(broker.deadLetters()).anyMatch(body -> body.contains(job.taskId())));
        assertThat(exists(keyOf(job))).isFalse();
    }

    @Test
    void imageQuarantinedByAnEarlierDeliveryIsJudgedAgainWithoutGeneratingAgain() throws Exception {
        JobMessage job = job(Lane.INTERACTIVE);
        byte[] earlier = "the png an earlier delivery quarantined".getBytes(StandardCharsets.UTF_8);
        s3.putObject(put -> put.bucket(BUCKET).key(quarantineKeyOf(job)), RequestBody.fromBytes(earlier));
        moderation.answer(job.taskId(), Answer.BLOCK);

        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.rejected");
        assertThat(events.get(0).reason()).isEqualTo("image_blocked");
        assertThat(balancer.requestsFor(job.taskId())).isZero();
        assertThat(events.get(0).timings().inferenceMs()).as("nothing generated").isZero();
        assertThat(events.get(0).timings().imageModerationMs()).isPositive();
        assertThat(moderation.requestsFor(job.taskId())).isEqualTo(1);
        assertThat(moderation.requestFor(job.taskId()).orElseThrow().getPng().toByteArray()).isEqualTo(earlier);
        assertThat(exists(keyOf(job))).isFalse();
        assertSettledWithoutDeadLetter(job);
    }

    @Test
    void imageQuarantinedByAnEarlierDeliveryButAllowedNowIsPublishedAndLeavesQuarantine() throws Exception {
        JobMessage job = job(Lane.INTERACTIVE);
        byte[] earlier = "the png an earlier delivery quarantined, allowed on a later look".getBytes(StandardCharsets.UTF_8);
        s3.putObject(put -> put.bucket(BUCKET).key(quarantineKeyOf(job)), RequestBody.fromBytes(earlier));
        moderation.answer(job.taskId(), Answer.ALLOW);

        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.succeeded");
        assertThat(balancer.requestsFor(job.taskId())).as("nothing generated again").isZero();
        assertThat(object(keyOf(job))).isEqualTo(earlier);
        assertThat(exists(quarantineKeyOf(job))).as("no copy left in quarantine").isFalse();
        assertSettledWithoutDeadLetter(job);
    }

    @Test
    void readinessIsDownWhileModerationServiceIsNotServing() {
        moderation.serving(false);
        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'moderation' }.status", is("DOWN"));
        moderation.serving(true);
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("moderation"));
    }

    private static String quarantineKeyOf(JobMessage job) {
        return "quarantine/" + keyOf(job);
    }

    private byte[] object(String key) {
        return s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asByteArray();
    }

    private boolean exists(String key) {
        try {
            s3.headObject(head -> head.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void assertSettledWithoutDeadLetter(JobMessage job) throws Exception {
        await().atMost(PATIENCE).until(() -> consumers.inFlight() == 0);
        Lane lane = Lane.fromName(job.lane()).orElseThrow();
        assertThat(broker.ready(lane.queue())).as("not requeued").isZero();
        assertThat(broker.deadLetters()).noneMatch(body -> body.contains(job.taskId()));
    }
}
