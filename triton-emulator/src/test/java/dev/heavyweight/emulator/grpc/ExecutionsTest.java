package dev.heavyweight.emulator.grpc;

import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.heavyweight.emulator.grpc.InferRequests.int64;
import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** The executions record benchmarks read: what ran where and when. */
@QuarkusTest
class ExecutionsTest {

    private static NodeClients node0;
    private static NodeClients node1;

    @BeforeAll
    static void connect() {
        node0 = new NodeClients(18101);
        node1 = new NodeClients(18102);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        node0.close();
        node1.close();
    }

    @AfterEach
    void heal() {
        Admin.clearFaults(0);
    }

    @Test
    void recordsWhatRanOnWhichNodeWithOrderedTimes() {
        long since = System.currentTimeMillis() - 60_000;
        node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "on zero", 1).setId("exec-on-0")
                .putParameters("steps", int64(3)).build());
        node1.blocking().modelInfer(prompt("stable_diffusion_xl", "on one", 2).setId("exec-on-1").build());
        Admin.faults(0, "{\"fail_next\":1,\"status\":\"INTERNAL\"}");
        assertThatThrownBy(() -> node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "failed", 3)
                .setId("exec-failed").build())).isInstanceOf(StatusRuntimeException.class);

        JsonPath page = given().queryParam("since", since).get("/admin/executions").then().statusCode(200)
                .body("since", equalTo(since)).body("complete", equalTo(true)).extract().jsonPath();
        List<Map<String, Object>> executions = page.getList("executions");
        assertThat(page.getInt("count")).isEqualTo(executions.size());

        Map<String, Object> onZero = only(executions, "exec-on-0");
        assertThat(onZero).containsEntry("node", Map.of("index", 0, "address", "127.0.0.1:18101"))
                .containsEntry("model", "stable_diffusion_1_5").containsEntry("outcome", "ok")
                .containsEntry("steps", 3);
        assertOrdered(onZero);
        Map<String, Object> onOne = only(executions, "exec-on-1");
        assertThat(onOne).containsEntry("node", Map.of("index", 1, "address", "127.0.0.1:18102"))
                .containsEntry("model", "stable_diffusion_xl").containsEntry("outcome", "ok");
        assertOrdered(onOne);
        Map<String, Object> failed = only(executions, "exec-failed");
        assertThat(failed).containsEntry("outcome", "INTERNAL").containsEntry("started_at_ms", null);
        assertThat(millis(failed, "arrived_at_ms")).isLessThanOrEqualTo(millis(failed, "finished_at_ms"));
    }

    @Test
    void laterSinceExcludesEarlierExecutionsAndDeleteClears() {
        node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "early", 4).setId("exec-early").build());
        long finished = millis(Admin.executions("exec-early").get(0), "finished_at_ms");

        List<Map<String, Object>> later = given().queryParam("since", finished + 1).get("/admin/executions")
                .then().statusCode(200).extract().jsonPath().getList("executions");
        assertThat(later).noneMatch(e -> "exec-early".equals(e.get("id")));

        given().delete("/admin/executions").then().statusCode(204);
        given().get("/admin/executions").then().statusCode(200).body("count", equalTo(0));
    }

    private static void assertOrdered(Map<String, Object> execution) {
        assertThat(millis(execution, "arrived_at_ms")).isLessThanOrEqualTo(millis(execution, "started_at_ms"));
        assertThat(millis(execution, "started_at_ms")).isLessThanOrEqualTo(millis(execution, "finished_at_ms"));
    }

    private static Map<String, Object> only(List<Map<String, Object>> executions, String id) {
        List<Map<String, Object>> matching = executions.stream().filter(e -> id.equals(e.get("id"))).toList();
        assertThat(matching).as(id).hasSize(1);
        return matching.get(0);
    }

    private static long millis(Map<String, Object> execution, String field) {
        return ((Number) execution.get(field)).longValue();
    }
}
