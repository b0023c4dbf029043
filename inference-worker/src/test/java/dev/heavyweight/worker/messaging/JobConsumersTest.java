package dev.heavyweight.worker.messaging;

import static dev.heavyweight.worker.messaging.Jobs.PATIENCE;
import static dev.heavyweight.worker.messaging.Jobs.awaitFinalEvent;
import static dev.heavyweight.worker.messaging.Jobs.gauge;
import static dev.heavyweight.worker.messaging.Jobs.job;
import static dev.heavyweight.worker.messaging.Jobs.jobs;
import static dev.heavyweight.worker.messaging.Jobs.keyOf;
import static dev.heavyweight.worker.messaging.Jobs.metric;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.tensor.TensorCodec;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.worker.fake.FakeBalancer;
import dev.heavyweight.worker.fake.FakeBalancerResource;
import dev.heavyweight.worker.fake.FakeModerationResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The running worker against the real RabbitMQ and S3, with a scripted KServe v2 peer as balancer. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
@QuarkusTestResource(FakeBalancerResource.class)
@QuarkusTestResource(FakeModerationResource.class)
class JobConsumersTest extends RunningWorkerFixture {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Inject
    S3Client s3;

    @Test
    void interactiveJobIsGeneratedStoredAsPngAndReported() throws Exception {
        JobMessage job = job(Lane.INTERACTIVE, ModelCatalog.SD_1_5, "a lighthouse at dusk", "blurry", 128, 64);
        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.started", "task.succeeded");
        TaskEventMessage succeeded = events.get(1);
        String key = keyOf(job);
        assertThat(succeeded.imageKey()).isEqualTo(key);
        assertThat(succeeded.attempt()).isEqualTo(1);
        assertThat(succeeded.retryable()).isFalse();
        assertThat(succeeded.tenant()).isEqualTo(Jobs.TENANT);
        assertThat(succeeded.worker()).isNotBlank().isEqualTo(events.get(0).worker());
        assertThat(succeeded.timings().imageModerationMs()).isNotNegative();
        assertThat(succeeded.moderation()).isNull();
        assertThat(succeeded.timings().inferenceMs()).isNotNegative();
        assertThat(succeeded.timings().uploadMs()).isNotNegative();

        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(get -> get.bucket("heavyweight-results").key(key));
        assertThat(stored.response().contentType()).isEqualTo("image/png");
        assertThat(Arrays.copyOf(stored.asByteArray(), 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(stored.asByteArray()));
        assertThat(png.getWidth()).isEqualTo(128);
        assertThat(png.getHeight()).isEqualTo(64);
        for (int[] xy : new int[][] {{0, 0}, {127, 0}, {0, 63}, {127, 63}, {77, 31}}) {
            assertThat(png.getRGB(xy[0], xy[1]) & 0xffffff).isEqualTo(FakeBalancer.pixel(xy[0], xy[1], job.seed()));
        }

        FakeBalancer.Received received = balancer.requestFor(job.taskId()).orElseThrow();
        assertThat(received.lane()).isEqualTo("interactive");
        ModelInferRequest request = received.request();
        assertThat(request.getModelName()).isEqualTo(ModelCatalog.SD_1_5);
        assertThat(request.getInputsList()).extracting(ModelInferRequest.InferInputTensor::getName)
                .containsExactly(ModelCatalog.INPUT_PROMPT, ModelCatalog.INPUT_NEGATIVE_PROMPT);
        for (ModelInferRequest.InferInputTensor input : request.getInputsList()) {
            assertThat(input.getDatatype()).isEqualTo("BYTES");
            assertThat(input.getShapeList()).containsExactly(1L, 1L);
            assertThat(input.hasContents()).isFalse();
        }
        assertThat(TensorCodec.decodeSingleString(request.getRawInputContents(0).toByteArray()))
                .isEqualTo("a lighthouse at dusk");
        assertThat(TensorCodec.decodeSingleString(request.getRawInputContents(1).toByteArray())).isEqualTo("blurry");
        Map<String, InferParameter> params = request.getParametersMap();
        assertThat(params.get(ModelCatalog.PARAM_SEED).getInt64Param()).isEqualTo(job.seed());
        assertThat(params.get(ModelCatalog.PARAM_STEPS).getInt64Param()).isEqualTo(job.steps());
        assertThat(params.get(ModelCatalog.PARAM_WIDTH).getInt64Param()).isEqualTo(128);
        assertThat(params.get(ModelCatalog.PARAM_HEIGHT).getInt64Param()).isEqualTo(64);
        assertThat(params).doesNotContainKey("priority");
        assertThat(request.getOutputsList()).extracting(ModelInferRequest.InferRequestedOutputTensor::getName)
                .containsExactly(ModelCatalog.OUTPUT_IMAGE);
    }

    @Test
    void batchLaneIsConsumedAndItsLaneTravelsToTheBalancer() throws Exception {
        JobMessage job = job(Lane.BATCH, ModelCatalog.SD_XL, "a quiet harbour", "", 64, 64);
        broker.publish(job);

        List<TaskEventMessage> events = awaitFinalEvent(broker, job.taskId());
        assertThat(events).extracting(TaskEventMessage::type).containsExactly("task.started", "task.succeeded");
        FakeBalancer.Received received = balancer.requestFor(job.taskId()).orElseThrow();
        assertThat(received.lane()).isEqualTo("batch");
        assertThat(received.request().getInputsList()).extracting(ModelInferRequest.InferInputTensor::getName)
                .containsExactly(ModelCatalog.INPUT_PROMPT);
        assertThat(received.request().getRawInputContentsCount()).isEqualTo(1);
    }

    @Test
    void unknownModelFailsTheTaskNamingNotFound() throws Exception {
        JobMessage job = job(Lane.INTERACTIVE, "no_such_model", "anything", "", 64, 64);
        broker.publish(job);

        TaskEventMessage failed = last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("inference_failed");
        assertThat(failed.detail()).contains("NOT_FOUND").contains("no_such_model").doesNotContain("Exception");
        assertThat(failed.imageKey()).isNull();
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void unavailableBalancerFailsTheTaskNamingUnavailable() throws Exception {
        balancer.mode(FakeBalancer.Mode.UNAVAILABLE);
        JobMessage job = job(Lane.BATCH, ModelCatalog.SD_1_5, "anything", "", 64, 64);
        broker.publish(job);

        TaskEventMessage failed = last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("inference_failed");
        assertThat(failed.detail()).contains("UNAVAILABLE");
        assertThat(failed.retryable()).isTrue();
    }

    @Test
    void imageOfTheWrongSizeFailsTheTaskAsBadModelOutput() throws Exception {
        balancer.mode(FakeBalancer.Mode.WRONG_SIZE);
        JobMessage job = job(Lane.INTERACTIVE, ModelCatalog.SD_1_5, "anything", "", 128, 128);
        broker.publish(job);

        TaskEventMessage failed = last(awaitFinalEvent(broker, job.taskId()));
        assertThat(failed.type()).isEqualTo("task.failed");
        assertThat(failed.reason()).isEqualTo("bad_model_output");
        assertThat(failed.detail()).contains("64x128").contains("128x128");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void unparseableMessageLandsInTheDeadLetterQueue() throws Exception {
        String marker = "not a job " + UUID.randomUUID();
        broker.publishRaw(Lane.INTERACTIVE.routingKey(), marker.getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(broker.deadLetters()).contains(marker));
    }

    @Test
    void jobOfAnUnknownSchemaLandsInTheDeadLetterQueue() throws Exception {
        JobMessage job = job(Lane.BATCH, ModelCatalog.SD_1_5, "anything", "", 64, 64);
        JobMessage future = new JobMessage(99, job.taskId(), job.tenant(), job.attempt(), job.lane(), job.priority(),
                job.model(), job.prompt(), job.negativePrompt(), job.width(), job.height(), job.steps(), job.seed(),
                job.enqueuedAtMs(), job.deadlineMs(), job.maxAttempts());
        broker.publish(future);

        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(broker.deadLetters()).anyMatch(body -> body.contains(job.taskId())));
        assertThat(broker.eventsFor(job.taskId())).isEmpty();
        assertThat(balancer.requestFor(job.taskId())).isEmpty();
    }

    @Test
    void readinessChecksBrokerBucketBalancerAndModeration() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("rabbitmq", "results-bucket", "balancer", "moderation"));
    }

    @Test
    void jobsAreCountedByLaneAndOutcomeAndSlotsArePublished() throws Exception {
        String succeeded = jobs(Lane.BATCH, "succeeded");
        double before = metric(succeeded);
        JobMessage job = job(Lane.BATCH, ModelCatalog.SD_1_5, "counted", "", 64, 64);
        broker.publish(job);
        awaitFinalEvent(broker, job.taskId());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(metric(succeeded)).isEqualTo(before + 1));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (Lane lane : Lane.values()) {
            for (String outcome : List.of("succeeded", "already_done", "rejected", "failed", "retryable_failed", "dead_lettered",
                    "expired", "cancelled", "invalid", "requeued")) {
                assertThat(metrics).contains(jobs(lane, outcome));
            }
            assertThat(metrics)
                    .contains(gauge("heavyweight_worker_inflight", lane))
                    .contains(gauge("heavyweight_worker_waiting", lane))
                    .contains(gauge("heavyweight_queue_depth", lane));
        }
        for (String stage : List.of("inference", "image_moderation", "upload")) {
            // The shared histogram: lane and model tags, and the explicit buckets up to 10 minutes.
            assertThat(metrics)
                    .containsPattern("heavyweight_task_stage_seconds_count\\{lane=\"(interactive|batch)\",model=\"[a-z0-9_]+\","
                            + "stage=\"" + stage + "\"} [1-9]")
                    .containsPattern("heavyweight_task_stage_seconds_bucket\\{lane=\"(interactive|batch)\",model=\"[a-z0-9_]+\","
                            + "stage=\"" + stage + "\",le=\"600\\.0\"} [1-9]");
        }
    }

    private static TaskEventMessage last(List<TaskEventMessage> events) {
        return Jobs.last(events);
    }
}
