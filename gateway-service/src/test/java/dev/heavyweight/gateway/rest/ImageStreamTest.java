package dev.heavyweight.gateway.rest;

import static dev.heavyweight.gateway.rest.Problems.problem;
import static dev.heavyweight.gateway.rest.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** heavyweight.gateway.image-delivery=stream: the gateway proxies the PNG itself. */
@QuarkusTest
@TestProfile(ImageStreamTest.StreamDelivery.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class ImageStreamTest {

    public static class StreamDelivery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.gateway.image-delivery", "stream");
        }
    }

    ScriptedTaskService taskService;

    @Inject
    S3Client s3;

    @Test
    void succeededGenerationStreamsThePng() {
        Task task = Tasks.task(TaskState.TASK_STATE_SUCCEEDED);
        byte[] png = ResultImages.fakePng("stream-" + task.getId());
        taskService.put(task.toBuilder().setImageKey(ResultImages.store(s3, task.getId(), png)).build());

        byte[] body = given().redirects().follow(false).when().get("/v1/generations/" + task.getId() + "/image")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();

        assertThat(body).isEqualTo(png);
    }

    @Test
    void missingObjectIsAnUpstreamError() {
        ResultImages.ensureBucket(s3);
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED).toBuilder()
                .setImageKey("tenants/anonymous/tasks/never-stored.png").build());

        problem(given().when().get("/v1/generations/" + task.getId() + "/image").then(), 502, "upstream-error");
    }
}
