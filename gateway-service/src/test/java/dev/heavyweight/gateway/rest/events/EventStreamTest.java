package dev.heavyweight.gateway.rest.events;

import static dev.heavyweight.gateway.rest.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.rest.Api;
import dev.heavyweight.gateway.rest.ScriptedTaskService;
import dev.heavyweight.gateway.rest.ScriptedTaskServiceResource;
import dev.heavyweight.gateway.rest.Tasks;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live status over SSE, read by a real HTTP client, driven by hints published to the real broker. The
 * heartbeat is an hour here, so every change that arrives came through a hint.
 */
@QuarkusTest
@TestProfile(EventStreamTest.HintsOnly.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class EventStreamTest {

    public static class HintsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.gateway.events.heartbeat", "1h");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    ScriptedTaskService taskService;
    private StatusHintPublisher hints;

    @BeforeEach
    void connect() throws Exception {
        hints = new StatusHintPublisher();
        // The gateway's hint queue must be bound before a hint is published, or the broker drops it.
        await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.given().get("/q/health/ready").then().extract()
                .jsonPath().getList("checks.findAll { it.name == 'status-hints' && it.status == 'UP' }").size() == 1);
    }

    @AfterEach
    void disconnect() throws Exception {
        hints.close();
    }

    static URI events(String id) {
        return URI.create("http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)
                + "/v1/generations/" + id + "/events");
    }

    private Task advance(Task task, TaskState state) throws Exception {
        Task changed = taskService.advance(task.getId(), state);
        hints.hint(changed);
        return changed;
    }

    private static JsonNode data(SseClient.Event event) throws Exception {
        return JSON.readTree(event.data());
    }

    @Test
    void aClientSeesEveryChangeFromTheCurrentStateToTheEndAndTheStreamCloses() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_ACCEPTED));

        try (SseClient stream = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            SseClient.Event accepted = stream.next();
            assertThat(accepted.name()).isEqualTo("accepted");
            assertThat(data(accepted).get("id").asText()).isEqualTo(task.getId());
            assertThat(data(accepted).get("status").asText()).isEqualTo("accepted");

            advance(task, TaskState.TASK_STATE_QUEUED);
            SseClient.Event queued = stream.next();
            advance(task, TaskState.TASK_STATE_RUNNING);
            SseClient.Event running = stream.next();
            advance(task, TaskState.TASK_STATE_SUCCEEDED);
            SseClient.Event succeeded = stream.next();

            assertThat(queued.name()).isEqualTo("queued");
            assertThat(data(queued).get("status").asText()).isEqualTo("in_progress");
            assertThat(running.name()).isEqualTo("running");
            assertThat(succeeded.name()).isEqualTo("succeeded");
            assertThat(data(succeeded).get("image_url").asText()).isEqualTo("/v1/generations/" + task.getId() + "/image");
            assertThat(Long.parseLong(queued.id())).isGreaterThan(Long.parseLong(accepted.id()));
            assertThat(Long.parseLong(running.id())).isGreaterThan(Long.parseLong(queued.id()));
            assertThat(Long.parseLong(succeeded.id())).isGreaterThan(Long.parseLong(running.id()));
            stream.awaitEnd();
        }
    }

    @Test
    void changesThatHappenTogetherAreAllSentInOrder() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_ACCEPTED));

        try (SseClient stream = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            stream.next();
            taskService.advance(task.getId(), TaskState.TASK_STATE_QUEUED);
            taskService.advance(task.getId(), TaskState.TASK_STATE_RUNNING);
            advance(task, TaskState.TASK_STATE_FAILED);

            assertThat(stream.next().name()).isEqualTo("queued");
            assertThat(stream.next().name()).isEqualTo("running");
            SseClient.Event failed = stream.next();
            assertThat(failed.name()).isEqualTo("failed");
            assertThat(data(failed).get("status").asText()).isEqualTo("failed");
            stream.awaitEnd();
        }
    }

    @Test
    void lastEventIdResumesAfterThatChangeWithoutRepeatingIt() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_ACCEPTED));
        String afterAccepted;
        try (SseClient first = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            afterAccepted = first.next().id();
        }
        taskService.advance(task.getId(), TaskState.TASK_STATE_QUEUED);
        taskService.advance(task.getId(), TaskState.TASK_STATE_RUNNING);

        try (SseClient resumed = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), afterAccepted)) {
            SseClient.Event queued = resumed.next();
            SseClient.Event running = resumed.next();
            advance(task, TaskState.TASK_STATE_SUCCEEDED);
            SseClient.Event succeeded = resumed.next();

            assertThat(queued.name()).isEqualTo("queued");
            assertThat(data(queued).get("state").asText()).isEqualTo("queued");
            assertThat(data(queued).get("image_url").isNull()).isTrue();
            assertThat(running.name()).isEqualTo("running");
            assertThat(succeeded.name()).isEqualTo("succeeded");
            resumed.awaitEnd();

            try (SseClient afterTheEnd = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER),
                    succeeded.id())) {
                assertThat(afterTheEnd.status()).isEqualTo(200);
                afterTheEnd.awaitEnd();
            }
        }
    }

    @Test
    void anEndedTaskIsSentOnceAndTheStreamCloses() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_CANCELLED));

        try (SseClient stream = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            assertThat(stream.next().name()).isEqualTo("cancelled");
            stream.awaitEnd();
        }
    }

    @Test
    void twoClientsOfOneTaskBothSeeTheChange() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));

        try (SseClient one = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), null);
                SseClient two = SseClient.open(events(task.getId()), Api.token(Api.TENANT, "another-user"), null)) {
            one.next();
            two.next();
            advance(task, TaskState.TASK_STATE_SUCCEEDED);

            assertThat(one.next().name()).isEqualTo("succeeded");
            assertThat(two.next().name()).isEqualTo("succeeded");
        }
    }

    @Test
    void hintsThatAreNotStatusMessagesAreIgnored() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_QUEUED));

        try (SseClient stream = SseClient.open(events(task.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            stream.next();
            hints.raw("not json");
            hints.raw("{\"schema\": 1, \"taskId\": \"" + task.getId() + "\", \"later\": \"field\"}");
            advance(task, TaskState.TASK_STATE_SUCCEEDED);

            assertThat(stream.next().name()).isEqualTo("succeeded");
        }
    }

    @Test
    void anUnknownOrForeignTaskIsA404BeforeTheStreamStarts() {
        Task foreign = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING).toBuilder().setTenant("globex").build());

        for (String id : new String[] {UUID.randomUUID().toString(), foreign.getId(), "not-a-uuid"}) {
            problem(Api.given().accept("text/event-stream").get("/v1/generations/" + id + "/events").then(), 404,
                    "not-found");
        }
        problem(RestAssured.given().accept("text/event-stream").get("/v1/generations/" + foreign.getId() + "/events")
                .then(), 401, "unauthorized");
    }

    @Test
    void aLastEventIdThatIsNotAnIdIsA400() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));

        problem(Api.given().accept("text/event-stream").header("Last-Event-ID", "yesterday")
                .get("/v1/generations/" + task.getId() + "/events").then(), 400, "invalid-request")
                .body("errors.field", hasItem("Last-Event-ID"));
    }
}
