package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.awaitFinalEvent;
import static dev.heavyweight.worker.messaging.Jobs.job;
import static dev.heavyweight.worker.messaging.Jobs.keyOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModerationResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** With image moderation switched off (benchmarks of the bare pipeline), images are stored without a call. */
@QuarkusTest
@TestProfile(ImageModerationDisabledTest.ModerationOff.class)
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class ImageModerationDisabledTest extends RunningWorkerFixture {

    /** The test configuration with {@code image-moderation.enabled=false}. */
    public static class ModerationOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.worker.image-moderation.enabled", "false");
        }
    }

    @Inject
    S3Client s3;

    @Test
    void imageIsStoredForItsTenantWithoutAskingModeration() throws Exception {
        moderation.serving(false);
        JobMessage job = job(Lane.INTERACTIVE);
        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.started", "task.succeeded");
        assertThat(events.get(1).timings().imageModerationMs()).isZero();
        assertThat(moderation.requestsFor(job.taskId())).isZero();
        assertThat(s3.getObjectAsBytes(get -> get.bucket("heavyweight-results").key(keyOf(job))).asByteArray())
                .isNotEmpty();
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'moderation' }.data.enabled", is(false));
    }
}
