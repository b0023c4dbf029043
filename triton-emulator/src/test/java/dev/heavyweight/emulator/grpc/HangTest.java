package dev.heavyweight.emulator.grpc;

import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A hanging node accepts requests and never answers; the caller's deadline ends them. */
@QuarkusTest
class HangTest {

    private static NodeClients client;
    private final NodeFleet fleet;

    HangTest(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @BeforeAll
    static void connect() {
        client = new NodeClients(18102);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        client.close();
    }

    @AfterEach
    void heal() {
        Admin.clearFaults(1);
    }

    @Test
    void hangingNodeLeavesTheCallerToItsDeadlineAndRecordsTheCallCancelled() {
        EmulatedNode node = fleet.nodes().get(1);
        given().contentType(ContentType.JSON).body("{\"hang\":true}")
                .put("/admin/nodes/1/faults").then().statusCode(200).body("faults.hang", equalTo(true));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> client.blocking(500).modelInfer(
                        prompt("stable_diffusion_1_5", "never", 5).setId("hang-1").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        await().until(() -> Admin.executions("hang-1").size() == 1);
        assertThat(Admin.executions("hang-1").get(0)).containsEntry("outcome", "cancelled")
                .containsEntry("steps", 1);
        await().until(() -> node.busySlots() == 0);

        Admin.clearFaults(1);
        assertThat(client.blocking().modelInfer(prompt("stable_diffusion_1_5", "answered", 6).build())
                .getOutputsCount()).isEqualTo(1);
    }
}
