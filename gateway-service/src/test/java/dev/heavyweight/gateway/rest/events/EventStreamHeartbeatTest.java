package dev.heavyweight.gateway.rest.events;

import static dev.heavyweight.gateway.rest.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without any hint, heartbeats keep a stream alive and catch up with changes; streams per replica are bounded. */
@QuarkusTest
@TestProfile(EventStreamHeartbeatTest.FastHeartbeat.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class EventStreamHeartbeatTest {

    public static class FastHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.gateway.events.heartbeat", "200ms", "heavyweight.gateway.events.max-streams", "2");
        }
    }

    ScriptedTaskService taskService;

    @Test
    void heartbeatsAreCommentsAndCatchUpWithChangesNoHintAnnounced() throws Exception {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_QUEUED));

        try (SseClient stream = SseClient.open(EventStreamTest.events(task.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            assertThat(stream.next().name()).isEqualTo("queued");
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.comments().size() >= 2);
            assertThat(stream.comments()).allMatch(comment -> comment.text().equals("heartbeat"));

            taskService.advance(task.getId(), TaskState.TASK_STATE_RUNNING);
            taskService.advance(task.getId(), TaskState.TASK_STATE_SUCCEEDED);

            assertThat(stream.next().name()).isEqualTo("running");
            assertThat(stream.next().name()).isEqualTo("succeeded");
            stream.awaitEnd();
        }
    }

    @Test
    void streamsBeyondTheReplicasLimitAre503AndASlotFreesWhenAClientLeaves() throws Exception {
        Task one = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));
        Task two = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));
        Task three = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));

        try (SseClient first = SseClient.open(EventStreamTest.events(one.getId()), Api.token(Api.TENANT, Api.USER), null)) {
            first.next();
            try (SseClient second = SseClient.open(EventStreamTest.events(two.getId()), Api.token(Api.TENANT, Api.USER), null)) {
                second.next();

                Response refused = Api.given().accept("text/event-stream").get("/v1/generations/" + three.getId() + "/events");
                problem(refused.then(), 503, "service-unavailable");
                assertThat(refused.header("Retry-After")).isEqualTo("5");
            }
            // The next heartbeat notices the departed client and gives its slot back.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (SseClient third = SseClient.open(EventStreamTest.events(three.getId()), Api.token(Api.TENANT, Api.USER),
                        null)) {
                    return third.status() == 200;
                }
            });
        }
    }
}
