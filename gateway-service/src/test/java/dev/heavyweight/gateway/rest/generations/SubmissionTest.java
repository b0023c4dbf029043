package dev.heavyweight.gateway.rest.generations;

import static dev.heavyweight.gateway.rest.Api.given;
import static dev.heavyweight.gateway.rest.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.heavyweight.contracts.task.RateLimit;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.rest.Api;
import dev.heavyweight.gateway.rest.ScriptedTaskService;
import dev.heavyweight.gateway.rest.ScriptedTaskServiceResource;
import dev.heavyweight.gateway.rest.Tasks;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.grpc.Status;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Submit's contract beyond validation: idempotency keys, rate-limit headers, 429s and honest 503s. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class SubmissionTest {

    ScriptedTaskService taskService;

    @AfterEach
    void recover() {
        taskService.recover();
    }

    private static Response submit(String body, String idempotencyKey) {
        RequestSpecification request = given().contentType("application/json").body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/v1/generations");
    }

    private SubmitRequest lastSubmission() {
        return taskService.submissions().get(taskService.submissions().size() - 1);
    }

    @Test
    void aRepeatWithTheSameKeyReturnsTheOriginalTaskWith200() {
        String key = "order-" + UUID.randomUUID();
        Response first = submit("{\"prompt\": \"a red fox\"}", key);
        Response repeat = submit("{\"prompt\": \"a red fox\"}", key);

        first.then().statusCode(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        repeat.then().statusCode(200).body("id", equalTo(first.path("id")));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.header("Location")).isEqualTo("/v1/generations/" + first.path("id"));
        assertThat(lastSubmission().getIdempotencyKey()).isEqualTo(key);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422() {
        String key = "order-" + UUID.randomUUID();
        submit("{\"prompt\": \"a red fox\"}", key).then().statusCode(202);

        problem(submit("{\"prompt\": \"a blue fox\"}", key).then(), 422, "idempotency-key-reused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\tinside", "caf\u00e9", "k"})
    void aMalformedKeyIsA400NamingTheHeader(String key) {
        String header = key.equals("k") ? "k".repeat(256) : key;
        int before = taskService.submissions().size();

        problem(submit("{\"prompt\": \"a red fox\"}", header).then(), 400, "invalid-request")
                .body("errors.field", hasItem("Idempotency-Key"));
        assertThat(taskService.submissions()).hasSize(before);
    }

    @Test
    void anEmptyKeyIsA400NamingTheHeader() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)
                                + "/v1/generations"))
                .header("Authorization", "Bearer " + Api.token(Api.TENANT, Api.USER))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"a red fox\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Idempotency-Key");
    }

    @Test
    void aKeyOf255PrintableCharactersIsFine() {
        submit("{\"prompt\": \"a red fox\"}", "~ !".repeat(85)).then().statusCode(202);
        submit("{\"prompt\": \"a red fox\"}", "order 7, line 2; \"quoted\"").then().statusCode(202);
        assertThat(lastSubmission().getIdempotencyKey()).isEqualTo("order 7, line 2; \"quoted\"");
    }

    @Test
    void everyAcceptedSubmitCarriesTheRateLimitHeaders() {
        taskService.reportRateLimit(RateLimit.newBuilder().setLimit(20).setRemaining(17).setResetMs(1_250)
                .setRatePerSecond(4).build());

        Response response = submit("{\"prompt\": \"a red fox\"}", null);

        response.then().statusCode(202);
        assertThat(response.header("RateLimit-Limit")).isEqualTo("20");
        assertThat(response.header("RateLimit-Remaining")).isEqualTo("17");
        assertThat(response.header("RateLimit-Reset")).isEqualTo("2");
        assertThat(response.header("RateLimit-Policy")).isEqualTo("20;w=5");
    }

    @Test
    void overTheRateIsA429WithRetryAfterAndTheBucket() {
        taskService.reportRateLimit(RateLimit.newBuilder().setLimit(10).setRemaining(0).setResetMs(4_000)
                .setRatePerSecond(2.5).build());
        submit("{\"prompt\": \"a red fox\"}", null).then().statusCode(202);
        taskService.refuseSubmissions(new ScriptedTaskService.Refusal("rate", 1_200, 10, 0, 3_700L, 2.5));

        Response refused = submit("{\"prompt\": \"a red fox\"}", null);

        problem(refused.then(), 429, "rate-limited");
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("10");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Reset")).isEqualTo("4");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("10;w=4");
    }

    @Test
    void aRefusalBeforeAnyAcceptedSubmitTakesTheRateFromTheTrailers() {
        taskService.refuseSubmissions(new ScriptedTaskService.Refusal("rate", 400, 20, 0, 9_800L, 2.0));

        Response refused = Api.as("fresh-" + UUID.randomUUID().toString().substring(0, 8), "zoe")
                .contentType("application/json").body("{\"prompt\": \"a red fox\"}").post("/v1/generations");

        problem(refused.then(), 429, "rate-limited");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("20;w=10");
    }

    @Test
    void tooManyUnfinishedTasksIsA429OfItsOwnType() {
        taskService.refuseSubmissions(new ScriptedTaskService.Refusal("unfinished", 30_000, 50, 0, null, null));

        Response refused = submit("{\"prompt\": \"a red fox\"}", null);

        problem(refused.then(), 429, "too-many-unfinished-tasks");
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("50");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Reset")).isEqualTo("30");
    }

    @Test
    void anImmediateRetryStillWaitsAtLeastASecond() {
        taskService.refuseSubmissions(new ScriptedTaskService.Refusal("rate", 0, 20, 0, 0L, 2.0));

        assertThat(submit("{\"prompt\": \"a red fox\"}", null).header("Retry-After")).isEqualTo("1");
    }

    @Test
    void promptWithNulIsA400NamingTheField() {
        int before = taskService.submissions().size();

        problem(submit("{\"prompt\": \"a cat\\u0000 on a mat\"}", null).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("prompt")));
        problem(submit("{\"prompt\": \"a cat\", \"negative_prompt\": \"dogs\\u0000\"}", null).then(), 400,
                "invalid-request").body("errors.field", equalTo(List.of("negative_prompt")));
        assertThat(taskService.submissions()).hasSize(before);
    }

    @Test
    void aRawControlCharacterInTheJsonIsA400NamingTheField() {
        problem(submit("{\"prompt\": \"a cat\u0000 on a mat\"}", null).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("prompt")));
    }

    @Test
    void tabsAndLineBreaksArePlainText() {
        submit("{\"prompt\": \"a cat\\ton a mat\\r\\nat dawn\", \"negative_prompt\": \"dogs\\n\"}", null)
                .then().statusCode(202);

        assertThat(lastSubmission().getPrompt()).isEqualTo("a cat\ton a mat\r\nat dawn");
    }

    @Test
    void webhookUrlIsPassedOn() {
        submit("{\"prompt\": \"a red fox\", \"webhook_url\": \"https://hooks.example.com/heavyweight?x=1\"}", null)
                .then().statusCode(202);

        assertThat(lastSubmission().getWebhookUrl()).isEqualTo("https://hooks.example.com/heavyweight?x=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/x", "hooks.example.com/x", "http://", "https://user:pw@hooks.example.com/",
            "javascript:alert(1)", "http://exa mple.com/"})
    void aWebhookUrlThatIsNotAnHttpUrlIsA400(String url) {
        problem(submit("{\"prompt\": \"a red fox\", \"webhook_url\": \"" + url + "\"}", null).then(), 400,
                "invalid-request").body("errors.field", hasItem("webhook_url"));
    }

    @Test
    void aWebhookTargetTaskServiceRefusesIsA400NamingIt() {
        problem(submit("{\"prompt\": \"fail:INVALID_ARGUMENT:webhook_url resolves to a private address\"}", null).then(),
                400, "invalid-request").body("errors.field", hasItem("webhook_url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNAVAILABLE", "DEADLINE_EXCEEDED"})
    void anOutageIsA503WithRetryAfterOnEveryEndpoint(String code) {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));
        taskService.goDown(Status.fromCode(Status.Code.valueOf(code)).withDescription("db-7.internal refused"));
        List<Function<RequestSpecification, Response>> calls = List.of(
                r -> r.contentType("application/json").body("{\"prompt\": \"a red fox\"}").post("/v1/generations"),
                r -> r.get("/v1/generations/" + task.getId()),
                r -> r.redirects().follow(false).get("/v1/generations/" + task.getId() + "/image"),
                r -> r.post("/v1/generations/" + task.getId() + "/cancel"),
                r -> r.delete("/v1/generations/" + task.getId()),
                r -> r.get("/v1/tenant"));

        for (Function<RequestSpecification, Response> call : calls) {
            Response response = call.apply(given());
            problem(response.then(), 503, "service-unavailable");
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(response.asString()).doesNotContain("db-7.internal");
        }
    }
}
