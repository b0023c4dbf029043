package dev.heavyweight.gateway.rest.openai;

import static dev.heavyweight.gateway.rest.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.rest.Api;
import dev.heavyweight.gateway.rest.ResultImages;
import dev.heavyweight.gateway.rest.ScriptedTaskService;
import dev.heavyweight.gateway.rest.ScriptedTaskServiceResource;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The OpenAI-compatible images endpoint over a scripted task-service whose "worker" stores real PNGs in the
 * real S3 server: the answers' shapes, the waiting, and every error in OpenAI's envelope.
 */
@QuarkusTest
@TestProfile(OpenAiImagesTest.ShortWaits.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class OpenAiImagesTest {

    public static class ShortWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.gateway.openai.timeout", "3s", "heavyweight.gateway.openai.poll-interval", "100ms");
        }
    }

    ScriptedTaskService taskService;

    @Inject
    S3Client s3;

    /** Plays the worker: "blocked" prompts are rejected, "broken" ones fail, "slow" ones never end, others succeed. */
    @BeforeEach
    void worker() {
        ResultImages.ensureBucket(s3);
        taskService.afterSubmit(task -> {
            if (task.getPrompt().contains("blocked")) {
                taskService.end(task.getId(), TaskState.TASK_STATE_REJECTED, Reasons.PROMPT_BLOCKED,
                        "The prompt contains blocked terms (violence)");
            } else if (task.getPrompt().contains("broken")) {
                taskService.end(task.getId(), TaskState.TASK_STATE_FAILED, Reasons.INFERENCE_FAILED, "UNAVAILABLE");
            } else if (!task.getPrompt().contains("slow")) {
                taskService.succeed(task.getId(),
                        ResultImages.store(s3, task.getId(), ResultImages.png(task.getWidth(), task.getHeight())));
            }
        });
    }

    @AfterEach
    void recover() {
        taskService.recover();
    }

    private static Response generate(String body) {
        return given().contentType("application/json").body(body).post("/v1/images/generations");
    }

    private static ValidatableResponse error(Response response, int status, String type, String code, String param) {
        return response.then().statusCode(status)
                .contentType("application/json")
                .body("error.type", equalTo(type))
                .body("error.code", code == null ? nullValue() : equalTo(code))
                .body("error.param", param == null ? nullValue() : equalTo(param))
                .body("error.message", not(equalTo("")))
                .body(not(containsString("Exception")));
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void b64JsonIsAPngOfTheRequestedSize() throws Exception {
        Response response = generate("{\"prompt\": \"a lighthouse\", \"size\": \"768x512\", \"response_format\": \"b64_json\","
                + " \"quality\": \"hd\", \"style\": \"vivid\", \"user\": \"end-user-42\"}");

        response.then().statusCode(200).body("data", hasSize(1)).body("data[0].url", nullValue())
                .body("data[0].revised_prompt", nullValue()).body("created", org.hamcrest.Matchers.greaterThan(1_700_000_000));
        BufferedImage image = decode(Base64.getDecoder().decode(response.<String>path("data[0].b64_json")));
        assertThat(image.getWidth()).isEqualTo(768);
        assertThat(image.getHeight()).isEqualTo(512);
        SubmitRequest sent = taskService.submissions().get(taskService.submissions().size() - 1);
        assertThat(sent.getModel()).isEqualTo("stable_diffusion_1_5");
        assertThat(sent.getEndUser()).isEqualTo("end-user-42");
        assertThat(sent.getUser()).isEqualTo(Api.USER);
        await().atMost(Duration.ofSeconds(10)).until(() -> taskService.downloads().stream()
                .anyMatch(d -> d.getChannel().equals("b64_json")));
    }

    @Test
    void urlDownloadsThePngWithoutCredentials() throws Exception {
        Response response = generate("{\"prompt\": \"a lighthouse\", \"model\": \"dall-e-3\", \"n\": 2}");

        response.then().statusCode(200).body("data", hasSize(2)).body("data[0].b64_json", nullValue());
        for (String url : response.<List<String>>path("data.url")) {
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            BufferedImage image = decode(download.body());
            assertThat(image.getWidth()).isEqualTo(1024);
            assertThat(image.getHeight()).isEqualTo(1024);
        }
        assertThat(response.<List<String>>path("data.url")).doesNotHaveDuplicates();
        SubmitRequest sent = taskService.submissions().get(taskService.submissions().size() - 1);
        assertThat(sent.getModel()).isEqualTo("stable_diffusion_xl");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReusesTheTasks() {
        String key = "sdk-" + UUID.randomUUID();
        int before = taskService.submissions().size();
        Response first = given().contentType("application/json").header("Idempotency-Key", key)
                .body("{\"prompt\": \"a lighthouse\", \"n\": 3, \"response_format\": \"b64_json\"}")
                .post("/v1/images/generations");
        Response retry = given().contentType("application/json").header("Idempotency-Key", key)
                .body("{\"prompt\": \"a lighthouse\", \"n\": 3, \"response_format\": \"b64_json\"}")
                .post("/v1/images/generations");

        first.then().statusCode(200).body("data", hasSize(3));
        retry.then().statusCode(200);
        assertThat(retry.<List<String>>path("data.b64_json")).isEqualTo(first.path("data.b64_json"));
        List<SubmitRequest> sent = taskService.submissions().subList(before, taskService.submissions().size());
        assertThat(sent).extracting(SubmitRequest::getIdempotencyKey)
                .containsExactly(key + "#0", key + "#1", key + "#2", key + "#0", key + "#1", key + "#2");
        assertThat(sent).extracting(SubmitRequest::getLane).containsOnly(dev.heavyweight.contracts.task.Lane.LANE_INTERACTIVE);
    }

    @Test
    void aBlockedPromptIsAContentPolicyViolation() {
        error(generate("{\"prompt\": \"something blocked\"}"), 400, "invalid_request_error", "content_policy_violation",
                "prompt").body("error.message", containsString("violence"));
    }

    @Test
    void aFailedGenerationIsAServerErrorTheClientShouldNotRetry() {
        Response response = generate("{\"prompt\": \"something broken\"}");

        error(response, 500, "server_error", "inference_failed", null);
        assertThat(response.header("x-should-retry")).isEqualTo("false");
    }

    @Test
    void aGenerationThatTakesTooLongIs504AndItsTasksAreCancelled() {
        int before = taskService.submissions().size();
        Response response = generate("{\"prompt\": \"something slow\", \"n\": 2}");

        error(response, 504, "server_error", "timeout", null);
        assertThat(response.header("x-should-retry")).isEqualTo("false");
        assertThat(taskService.submissions()).hasSize(before + 2);
        // Nobody can ask for these tasks again (no Idempotency-Key): they are cancelled rather than left to run.
        await().atMost(Duration.ofSeconds(10)).until(() -> taskService.calls().stream().filter("Cancel"::equals).count() >= 2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"prompt\": \"cat\", \"n\": 5}|n|invalid_value",
            "{\"prompt\": \"cat\", \"n\": 0}|n|invalid_value",
            "{\"prompt\": \"cat\", \"n\": \"2\"}|n|",
            "{\"prompt\": \"cat\", \"size\": \"big\"}|size|invalid_value",
            "{\"prompt\": \"cat\", \"size\": \"100x100\"}|size|invalid_value",
            "{\"prompt\": \"cat\", \"model\": \"dall-e-2\", \"size\": \"1536x1536\"}|size|invalid_value",
            "{\"prompt\": \"cat\", \"response_format\": \"png\"}|response_format|invalid_value",
            "{\"prompt\": \"cat\", \"model\": \"gpt-image-1\"}|model|model_not_found",
            "{\"n\": 1}|prompt|invalid_value",
            "{\"prompt\": \"a cat\\u0000\"}|prompt|invalid_value",
            "{\"prompt\": \"cat\", \"background\": \"transparent\"}|background|",
            "{\"prompt\": \"cat\", \"user\": 7}|user|"})
    void invalidInputIsAnInvalidRequestErrorNamingTheParam(String body, String param, String code) {
        int before = taskService.submissions().size();

        error(generate(body), 400, "invalid_request_error", code, param);
        assertThat(taskService.submissions()).hasSize(before);
    }

    @Test
    void unreadableJsonIsAnInvalidRequestError() {
        error(generate("{\"prompt\": "), 400, "invalid_request_error", null, null);
    }

    @Test
    void authenticationFailuresUseTheEnvelopeToo() {
        Response missing = RestAssured.given().contentType("application/json").body("{\"prompt\": \"cat\"}")
                .post("/v1/images/generations");
        Response expired = RestAssured.given().auth().oauth2(TestTokens.expired("acme", "alice"))
                .contentType("application/json").body("{\"prompt\": \"cat\"}").post("/v1/images/generations");

        error(missing, 401, "invalid_request_error", null, null);
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        error(expired, 401, "invalid_request_error", "invalid_api_key", null);
    }

    @Test
    void rateLimitsAre429WithRetryAfter() {
        taskService.refuseSubmissions(new ScriptedTaskService.Refusal("rate", 2_500, 20, 0, 9_000L, 2.0));

        Response response = generate("{\"prompt\": \"cat\"}");

        error(response, 429, "requests", "rate_limit_exceeded", null);
        assertThat(response.header("Retry-After")).isEqualTo("3");
        assertThat(response.header("retry-after-ms")).isEqualTo("2500");
    }

    @Test
    void anOutageIs503WithRetryAfter() {
        taskService.goDown(io.grpc.Status.UNAVAILABLE);

        Response response = generate("{\"prompt\": \"cat\"}");

        error(response, 503, "server_error", "service_unavailable", null);
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void aTaskThatRunsBeforeItSucceedsIsAnswered() {
        taskService.afterSubmit(task -> {
            taskService.advance(task.getId(), TaskState.TASK_STATE_RUNNING);
            taskService.succeed(task.getId(), ResultImages.store(s3, task.getId(), ResultImages.png(512, 512)));
        });

        generate("{\"prompt\": \"a fox\"}").then().statusCode(200).body("data", hasSize(1));
    }
}
