package dev.heavyweight.emulator.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ServerLiveRequest;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A crashed node resets its connections, refuses new ones, and comes back on the same port. */
@QuarkusTest
class CrashTest {

    private static final int PORT = 18102;
    private final NodeFleet fleet;

    CrashTest(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @AfterEach
    void heal() {
        Admin.restore(1);
        Admin.clearFaults(1);
    }

    @Test
    void crashResetsCallsInFlightRefusesNewOnesAndRestoreBringsTheNodeBack() throws Exception {
        EmulatedNode node = fleet.nodes().get(1);
        try (NodeClients before = new NodeClients(PORT)) {
            Admin.faults(1, "{\"hang_next\":1}");
            ListenableFuture<ModelInferResponse> inFlight = before.future()
                    .modelInfer(prompt("stable_diffusion_1_5", "lost", 1).setId("crash-in-flight").build());
            await().until(() -> node.busySlots() == 1);

            given().contentType(ContentType.JSON).body("{}").post("/admin/nodes/1/crash").then().statusCode(200)
                    .body("crashed", equalTo(true)).body("restore_at_ms", nullValue()).body("busy_slots", equalTo(0));

            ExecutionException failure = catchThrowableOfType(ExecutionException.class,
                    () -> inFlight.get(30, TimeUnit.SECONDS));
            assertThat(Status.fromThrowable(failure.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        try (NodeClients during = new NodeClients(PORT)) {
            StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                    () -> during.blocking().serverLive(ServerLiveRequest.getDefaultInstance()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(Admin.executions("crash-in-flight")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "UNAVAILABLE"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'emulated Triton nodes' }.data.'127.0.0.1:18102'", equalTo("crashed"));

        given().post("/admin/nodes/1/restore").then().statusCode(200).body("crashed", equalTo(false));

        try (NodeClients after = new NodeClients(PORT)) {
            assertThat(after.blocking().withWaitForReady()
                    .modelInfer(prompt("stable_diffusion_1_5", "back", 2).setId("crash-after").build())
                    .getId()).isEqualTo("crash-after");
        }
    }

    @Test
    void timedCrashEndsByItself() throws Exception {
        given().contentType(ContentType.JSON).body("{\"duration_ms\":300}").post("/admin/nodes/1/crash")
                .then().statusCode(200).body("crashed", equalTo(true)).body("restore_at_ms", notNullValue());

        await().atMost(30, TimeUnit.SECONDS).until(() -> !Admin.node(1).getBoolean("crashed"));

        try (NodeClients after = new NodeClients(PORT)) {
            assertThat(after.blocking().withWaitForReady()
                    .modelInfer(prompt("stable_diffusion_1_5", "timed", 3).build()).getOutputsCount()).isEqualTo(1);
        }
    }

    @Test
    void crashWithoutABodyLastsUntilRestored() {
        given().post("/admin/nodes/1/crash").then().statusCode(200).body("crashed", equalTo(true));

        assertThat(Admin.node(1).getBoolean("crashed")).isTrue();
        given().post("/admin/nodes/1/restore").then().statusCode(200).body("crashed", equalTo(false));
    }
}
