package dev.heavyweight.gateway.rest.generations;

import static dev.heavyweight.gateway.rest.Api.given;
import static dev.heavyweight.gateway.rest.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.heavyweight.contracts.task.Feedback;
import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.RecordDownloadRequest;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Listing, cancelling by DELETE, feedback and download records, over the scripted task-service. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class GenerationOperationsTest {

    ScriptedTaskService taskService;

    @AfterEach
    void recover() {
        taskService.recover();
    }

    /** A tenant of its own per test, so the listed tasks are exactly the test's. */
    private static String freshTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Task taskOf(String tenant, TaskState state, Lane lane, long createdAt) {
        return taskService.put(Tasks.task(state).toBuilder().setTenant(tenant).setLane(lane).setCreatedAtMs(createdAt).build());
    }

    @Test
    void listPagesThroughTheTenantsTasksNewestFirst() {
        String tenant = freshTenant();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, taskOf(tenant, TaskState.TASK_STATE_QUEUED, Lane.LANE_INTERACTIVE, 1_700_000_000_000L + i).getId());
        }
        taskOf(freshTenant(), TaskState.TASK_STATE_QUEUED, Lane.LANE_INTERACTIVE, 1_800_000_000_000L);

        Response first = Api.as(tenant, "u").queryParam("limit", 2).get("/v1/generations");
        first.then().statusCode(200).body("data", hasSize(2)).body("data[0].status", equalTo("in_progress"));
        List<String> seen = new ArrayList<>(first.path("data.id"));
        String cursor = first.path("next_cursor");
        while (cursor != null) {
            Response next = Api.as(tenant, "u").queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/generations");
            next.then().statusCode(200);
            seen.addAll(next.path("data.id"));
            cursor = next.path("next_cursor");
        }

        assertThat(seen).isEqualTo(newestFirst);
    }

    @Test
    void listFiltersByStateAndLane() {
        String tenant = freshTenant();
        Task batchSucceeded = taskOf(tenant, TaskState.TASK_STATE_SUCCEEDED, Lane.LANE_BATCH, 1);
        taskOf(tenant, TaskState.TASK_STATE_SUCCEEDED, Lane.LANE_INTERACTIVE, 2);
        taskOf(tenant, TaskState.TASK_STATE_RUNNING, Lane.LANE_BATCH, 3);

        Api.as(tenant, "u").queryParam("state", "succeeded").queryParam("lane", "batch").get("/v1/generations").then()
                .statusCode(200)
                .body("data.id", equalTo(List.of(batchSucceeded.getId())))
                .body("data[0].priority", equalTo("batch"))
                .body("next_cursor", nullValue());
        assertThat(taskService.calls()).contains("List");
    }

    @ParameterizedTest
    @CsvSource({"state,in_progress", "state,SUCCEEDED", "lane,urgent", "limit,0", "limit,101", "limit,ten", "limit,-1",
            "limit,1.5"})
    void badListParametersAreA400NamingThem(String parameter, String value) {
        int before = taskService.calls().size();

        problem(given().queryParam(parameter, value).get("/v1/generations").then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of(parameter)));
        assertThat(taskService.calls()).hasSize(before);
    }

    @Test
    void aCursorTaskServiceDoesNotKnowIsA400NamingIt() {
        problem(given().queryParam("cursor", "not-from-here").get("/v1/generations").then(), 400, "invalid-request")
                .body("errors.field", hasItem("cursor"));
    }

    @Test
    void deleteCancelsLikeThePostAlias() {
        Task running = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));

        given().delete("/v1/generations/" + running.getId()).then().statusCode(200).body("state", equalTo("cancelled"));
        problem(given().delete("/v1/generations/" + running.getId()).then(), 409, "conflict");
        problem(given().delete("/v1/generations/not-a-uuid").then(), 404, "not-found");
    }

    @Test
    void feedbackIsStoredPerUserAndAnswered() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));

        given().contentType("application/json").body("{\"accepted\": true, \"rating\": 4, \"comment\": \"nice\\nfox\"}")
                .post("/v1/generations/" + task.getId() + "/feedback").then()
                .statusCode(200)
                .body("generation_id", equalTo(task.getId()))
                .body("user", equalTo(Api.USER))
                .body("accepted", equalTo(true))
                .body("rating", equalTo(4))
                .body("comment", equalTo("nice\nfox"));
        given().contentType("application/json").body("{\"rating\": 2}")
                .post("/v1/generations/" + task.getId() + "/feedback").then()
                .statusCode(200).body("rating", equalTo(2)).body("accepted", nullValue());

        Feedback stored = taskService.feedback(task.getId(), Api.USER);
        assertThat(stored.getRating()).isEqualTo(2);
        assertThat(stored.hasAccepted()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|body",
            "{\"rating\": 0}|rating",
            "{\"rating\": 6}|rating",
            "{\"rating\": 4.5}|rating",
            "{\"rating\": \"5\"}|rating",
            "{\"accepted\": \"yes\"}|accepted",
            "{\"accepted\": 1}|accepted",
            "{\"comment\": 7}|comment",
            "{\"comment\": \"bad\\u0000\"}|comment",
            "{\"stars\": 5}|stars",
            "[]|body",
            "not json|body"})
    void badFeedbackIsA400NamingTheField(String body, String field) {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));

        problem(given().contentType("application/json").body(body).post("/v1/generations/" + task.getId() + "/feedback")
                .then(), 400, "invalid-request").body("errors.field", hasItem(field));
        assertThat(taskService.feedback(task.getId(), Api.USER)).isNull();
    }

    @Test
    void aLongCommentIsRefused() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));

        problem(given().contentType("application/json").body("{\"comment\": \"" + "x".repeat(2001) + "\"}")
                .post("/v1/generations/" + task.getId() + "/feedback").then(), 400, "invalid-request")
                .body("errors.field", hasItem("comment"));
    }

    @Test
    void feedbackOnAnotherTenantsTaskIsA404() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));

        problem(Api.as("globex", "mallory").contentType("application/json").body("{\"rating\": 1}")
                .post("/v1/generations/" + task.getId() + "/feedback").then(), 404, "not-found");
        assertThat(taskService.feedback(task.getId(), "mallory")).isNull();
    }

    @Test
    void listAndFeedbackAnswer503DuringAnOutage() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));
        taskService.goDown(Status.UNAVAILABLE);

        problem(given().get("/v1/generations").then(), 503, "service-unavailable");
        problem(given().contentType("application/json").body("{\"rating\": 1}")
                .post("/v1/generations/" + task.getId() + "/feedback").then(), 503, "service-unavailable");
    }

    @Test
    void theImageDownloadIsRecordedAndAFailureToRecordDoesNotFailIt() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED).toBuilder()
                .setImageKey("tenants/acme/tasks/recorded.png").build());

        given().redirects().follow(false).get("/v1/generations/" + task.getId() + "/image").then().statusCode(302);

        await().atMost(Duration.ofSeconds(10)).until(() -> taskService.downloads().stream()
                .anyMatch(d -> d.getId().equals(task.getId())));
        RecordDownloadRequest recorded = taskService.downloads().stream()
                .filter(d -> d.getId().equals(task.getId())).findFirst().orElseThrow();
        assertThat(recorded.getTenant()).isEqualTo(Api.TENANT);
        assertThat(recorded.getUser()).isEqualTo(Api.USER);
        assertThat(recorded.getChannel()).isEqualTo("redirect");

        taskService.failRecordDownloads(Status.INTERNAL);
        given().redirects().follow(false).get("/v1/generations/" + task.getId() + "/image").then().statusCode(302);
    }
}
