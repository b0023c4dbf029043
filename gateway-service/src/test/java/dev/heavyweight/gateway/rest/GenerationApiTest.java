package dev.heavyweight.gateway.rest;

import static dev.heavyweight.gateway.rest.Problems.problem;
import static dev.heavyweight.gateway.rest.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.ModerationDecision;
import dev.heavyweight.contracts.task.ModerationTopicScore;
import dev.heavyweight.contracts.task.StageTimings;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.grpc.Status;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API over a scripted task-service peer: what clients see for each answer task-service can give. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class GenerationApiTest {

    ScriptedTaskService taskService;

    @AfterEach
    void recover() {
        taskService.recover();
    }

    @Test
    void submitAnswers202WithLocationAndSendsExplicitDefaults() {
        Response response = given().contentType("application/json").body("{\"prompt\": \"a red fox in snow\"}")
                .when().post("/v1/generations");

        response.then().statusCode(202)
                .contentType("application/json")
                .body("status", equalTo("in_progress"))
                .body("state", equalTo("queued"))
                .body("priority", equalTo("interactive"))
                .body("image_url", nullValue());
        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo("/v1/generations/" + id);

        SubmitRequest sent = taskService.submissions().get(taskService.submissions().size() - 1);
        assertThat(sent.getTenant()).isEqualTo(Api.TENANT);
        assertThat(sent.getUser()).isEqualTo(Api.USER);
        assertThat(sent.getModel()).isEqualTo("stable_diffusion_1_5");
        assertThat(sent.getWidth()).isEqualTo(512);
        assertThat(sent.getHeight()).isEqualTo(512);
        assertThat(sent.getSteps()).isEqualTo(50);
        assertThat(sent.getLane()).isEqualTo(Lane.LANE_INTERACTIVE);
        assertThat(sent.hasSeed()).isFalse();
    }

    @Test
    void submitPassesEveryGivenField() {
        given().contentType("application/json")
                .body("{\"prompt\": \"castle\", \"negative_prompt\": \"fog\", \"model\": \"stable_diffusion_xl\","
                        + " \"width\": 1536, \"height\": 768, \"steps\": 20, \"seed\": 9007199254740991,"
                        + " \"priority\": \"batch\"}")
                .when().post("/v1/generations")
                .then().statusCode(202).body("priority", equalTo("batch"));

        SubmitRequest sent = taskService.submissions().get(taskService.submissions().size() - 1);
        assertThat(sent.getNegativePrompt()).isEqualTo("fog");
        assertThat(sent.getModel()).isEqualTo("stable_diffusion_xl");
        assertThat(sent.getWidth()).isEqualTo(1536);
        assertThat(sent.getHeight()).isEqualTo(768);
        assertThat(sent.getSteps()).isEqualTo(20);
        assertThat(sent.getSeed()).isEqualTo(9007199254740991L);
        assertThat(sent.getLane()).isEqualTo(Lane.LANE_BATCH);
    }

    @Test
    void statusDocumentShowsStateTimestampsAndTimings() {
        Task running = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));

        given().when().get("/v1/generations/" + running.getId()).then()
                .statusCode(200)
                .body("id", equalTo(running.getId()))
                .body("status", equalTo("in_progress"))
                .body("state", equalTo("running"))
                .body("reason", nullValue())
                .body("model", equalTo("stable_diffusion_xl"))
                .body("width", equalTo(1024))
                .body("steps", equalTo(30))
                .body("seed", equalTo(7))
                .body("priority", equalTo("batch"))
                .body("attempt", equalTo(2))
                .body("created_at", equalTo("2023-11-14T22:13:20Z"))
                .body("queued_at", equalTo("2023-11-14T22:13:20.250Z"))
                .body("started_at", equalTo("2023-11-14T22:13:21Z"))
                .body("finished_at", nullValue())
                .body("timings.moderation_ms", equalTo(250))
                .body("timings.queue_wait_ms", equalTo(750))
                .body("timings.inference_ms", equalTo(0))
                .body("image_url", nullValue())
                .body("moderation", nullValue());
    }

    @Test
    void endedTasksReadAsFailedWithTheirReason() {
        Task rejected = taskService.put(Tasks.task(TaskState.TASK_STATE_REJECTED).toBuilder()
                .setReason("prompt_blocked").setReasonDetail("The prompt contains blocked terms (violence)")
                .setModeration(ModerationDecision.newBuilder().setStage("prompt").setEngine("lexicon")
                        .addTopics(ModerationTopicScore.newBuilder().setTopic("violence").setAssessed(true).setScore(1)
                                .setThreshold(0.5).setFlagged(true).setEngine("lexicon"))
                        .addTopics(ModerationTopicScore.newBuilder().setTopic("minors").setAssessed(false)
                                .setThreshold(0.5)))
                .setFinishedAtMs(1_700_000_002_000L).build());

        given().when().get("/v1/generations/" + rejected.getId()).then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("state", equalTo("rejected"))
                .body("reason", equalTo("prompt_blocked"))
                .body("reason_detail", equalTo("The prompt contains blocked terms (violence)"))
                .body("finished_at", equalTo("2023-11-14T22:13:22Z"))
                .body("moderation.stage", equalTo("prompt"))
                .body("moderation.engine", equalTo("lexicon"))
                .body("moderation.topics.topic", contains("violence", "minors"))
                .body("moderation.topics[0].score", equalTo(1.0f))
                .body("moderation.topics[0].threshold", equalTo(0.5f))
                .body("moderation.topics[0].flagged", equalTo(true))
                .body("moderation.topics[1].assessed", equalTo(false))
                .body("moderation.topics[1].engine", nullValue());
        problem(given().when().get("/v1/generations/" + rejected.getId() + "/image").then(), 409, "conflict")
                .body("detail", containsString("rejected"));
    }

    @Test
    void unknownIdIsA404FromTaskService() {
        problem(given().when().get("/v1/generations/" + UUID.randomUUID()).then(), 404, "not-found");
        problem(given().when().post("/v1/generations/" + UUID.randomUUID() + "/cancel").then(), 404, "not-found");
    }

    @Test
    void imageOfUnfinishedGenerationIsA409NamingTheState() {
        Task queued = taskService.put(Tasks.task(TaskState.TASK_STATE_QUEUED));

        problem(given().when().get("/v1/generations/" + queued.getId() + "/image").then(), 409, "conflict")
                .body("detail", containsString("queued"));
    }

    @Test
    void cancelAnswersTheCancelledTaskAndRefusesFinishedOnes() {
        Task running = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));
        Task succeeded = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));

        given().when().post("/v1/generations/" + running.getId() + "/cancel").then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("state", equalTo("cancelled"));
        problem(given().when().post("/v1/generations/" + succeeded.getId() + "/cancel").then(), 409, "conflict")
                .body("detail", not(containsString(succeeded.getId())));
    }

    @Test
    void invalidArgumentFromTaskServiceIsA400NamingTheField() {
        problem(given().contentType("application/json")
                .body("{\"prompt\": \"fail:INVALID_ARGUMENT:height must suit the model\"}")
                .when().post("/v1/generations").then(), 400, "invalid-request")
                .body("errors.field", hasItem("height"));
    }

    @Test
    void unavailableTaskServiceIsA503WithRetryAfter() {
        Response response = given().contentType("application/json")
                .body("{\"prompt\": \"fail:UNAVAILABLE:connection refused to db-7.internal\"}")
                .when().post("/v1/generations");

        problem(response.then(), 503, "service-unavailable")
                .body(not(containsString("db-7.internal")));
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    @Test
    void otherTaskServiceErrorsAre502WithoutTheCause() {
        problem(given().contentType("application/json")
                .body("{\"prompt\": \"fail:INTERNAL:NullPointerException in TaskRepository\"}")
                .when().post("/v1/generations").then(), 502, "upstream-error")
                .body(not(containsString("TaskRepository")));
        taskService.goDown(Status.DATA_LOSS.withDescription("disk gone"));
        problem(given().when().get("/v1/generations/" + UUID.randomUUID()).then(), 502, "upstream-error")
                .body(not(containsString("disk gone")));
    }

    @Test
    void submissionsAreCountedByPriorityAndOutcome() {
        String accepted = "heavyweight_gateway_submissions_total{outcome=\"accepted\",priority=\"batch\"}";
        String invalid = "heavyweight_gateway_submissions_total{outcome=\"invalid\",priority=\"unknown\"}";
        double acceptedBefore = metric(accepted);
        double invalidBefore = metric(invalid);

        given().contentType("application/json").body("{\"prompt\": \"a lake\", \"priority\": \"batch\"}")
                .when().post("/v1/generations").then().statusCode(202);
        given().contentType("application/json").body("{\"prompt\": \"a lake\", \"priority\": \"asap\"}")
                .when().post("/v1/generations").then().statusCode(400);

        assertThat(metric(accepted)).isEqualTo(acceptedBefore + 1);
        assertThat(metric(invalid)).isEqualTo(invalidBefore + 1);
    }

    @Test
    void readinessFollowsTaskService() {
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'task-service' }.status", equalTo("UP"));

        taskService.goDown(Status.UNAVAILABLE);

        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'task-service' }.status", equalTo("DOWN"));
    }

    static double metric(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
