package dev.heavyweight.emulator.grpc;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fault injection and readiness toggles through the admin API, observed over the node's gRPC endpoint. */
@QuarkusTest
class AdminApiTest {

    private static NodeClients node0;

    @BeforeAll
    static void connect() {
        node0 = new NodeClients(18101);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        node0.close();
    }

    @AfterEach
    void heal() {
        given().contentType(ContentType.JSON).body("{}").put("/admin/nodes/0/faults").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"ready\":true}").put("/admin/nodes/0/ready").then().statusCode(200);
    }

    @Test
    void failNextMakesExactlyThoseRequestsFailWithTheChosenStatus() {
        given().contentType(ContentType.JSON).body("{\"fail_next\":2,\"status\":\"resource_exhausted\"}")
                .put("/admin/nodes/0/faults")
                .then().statusCode(200)
                .body("faults.fail_next", equalTo(2))
                .body("faults.status", equalTo("RESOURCE_EXHAUSTED"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "x", 1).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        }
        assertThat(node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "x", 1).build()).getOutputsCount()).isEqualTo(1);
    }

    @Test
    void failRateOneFailsEveryRequestUntilCleared() {
        given().contentType(ContentType.JSON).body("{\"fail_rate\":1.0}").put("/admin/nodes/0/faults").then().statusCode(200);
        assertThatThrownBy(() -> node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "y", 2).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        heal();
        assertThat(node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "y", 2).build()).getOutputsCount()).isEqualTo(1);
    }

    @Test
    void notReadyNodeSaysSoAndRefusesWork() {
        given().contentType(ContentType.JSON).body("{\"ready\":false}").put("/admin/nodes/0/ready")
                .then().statusCode(200).body("ready", equalTo(false));
        assertThat(node0.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
        assertThatThrownBy(() -> node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "z", 3).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        given().get("/admin/nodes").then().statusCode(200).body("[0].ready", equalTo(false)).body("[1].ready", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'emulated Triton nodes' }.data.'127.0.0.1:18101'", equalTo("not ready"));
    }

    @Test
    void faultsEchoEveryFieldAndEmptyBodyClearsThem() {
        given().contentType(ContentType.JSON)
                .body("{\"fail_rate\":0.25,\"status\":\"internal\",\"hang_rate\":0.5,\"hang_next\":3}")
                .put("/admin/nodes/0/faults")
                .then().statusCode(200)
                .body("faults.fail_next", equalTo(0)).body("faults.fail_rate", equalTo(0.25f))
                .body("faults.status", equalTo("INTERNAL")).body("faults.hang", equalTo(false))
                .body("faults.hang_next", equalTo(3)).body("faults.hang_rate", equalTo(0.5f));
        given().contentType(ContentType.JSON).body("{}").put("/admin/nodes/0/faults")
                .then().statusCode(200)
                .body("faults.fail_rate", equalTo(0.0f)).body("faults.hang_next", equalTo(0))
                .body("faults.hang_rate", equalTo(0.0f)).body("faults.status", equalTo("UNAVAILABLE"));
    }

    @Test
    void nodeViewReportsIdentityStateAndAccounting() {
        given().get("/admin/nodes/0").then().statusCode(200)
                .body("index", equalTo(0)).body("name", equalTo("127.0.0.1:18101"))
                .body("gpu_uuid", startsWith("GPU-")).body("crashed", equalTo(false))
                .body("busy_ms", notNullValue()).body("busy_slot_ms", notNullValue())
                .body("utilization", notNullValue()).body("power_watts", notNullValue())
                .body("energy_joules", notNullValue()).body("outcomes", notNullValue());
    }

    @Test
    void badRequestsAreProblems() {
        problem(given().get("/admin/nodes/7"), 404);
        problem(given().contentType(ContentType.JSON).body("{\"status\":\"SOMETIMES\"}").put("/admin/nodes/0/faults"),
                400);
        problem(given().contentType(ContentType.JSON).body("{\"fail_rate\":2}").put("/admin/nodes/0/faults"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"hang_next\":-1}").put("/admin/nodes/0/faults"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"fail_rate\":").put("/admin/nodes/0/faults"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"fail_rate\":\"often\"}").put("/admin/nodes/0/faults"),
                400);
        problem(given().contentType(ContentType.JSON).body("{}").put("/admin/nodes/0/ready"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"duration_ms\":-5}").post("/admin/nodes/0/crash"), 400);
        problem(given().post("/admin/nodes/9/crash"), 404);
        problem(given().post("/admin/nodes/9/restore"), 404);
        problem(given().queryParam("since", "yesterday").get("/admin/executions"), 400);
        problem(given().queryParam("since", -1).get("/admin/executions"), 400);
        given().get("/admin/nodes/0").then().statusCode(200).body("crashed", equalTo(false));
    }

    private static void problem(io.restassured.response.Response response, int status) {
        response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", startsWith("https://heavyweight.dev/problems/"))
                .body("title", notNullValue())
                .body("detail", not(containsString("Exception")));
    }
}
