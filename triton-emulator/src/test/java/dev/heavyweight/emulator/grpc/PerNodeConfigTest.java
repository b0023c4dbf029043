package dev.heavyweight.emulator.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

/**
 * The test profile overrides node 2 only ({@code heavyweight.emulator.node."2".*}: 2 slots, speed 2.5, every
 * request fails with RESOURCE_EXHAUSTED, idle at 40 W); nodes 0 and 1 keep the fleet-wide values and take
 * their speeds from {@code speeds=1,0.5}.
 */
@QuarkusTest
class PerNodeConfigTest {

    @Test
    void adminViewShowsTheOverrideOnThatNodeOnly() {
        given().get("/admin/nodes").then().statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].slots", equalTo(1)).body("[0].speed", equalTo(1.0f))
                .body("[0].faults.fail_rate", equalTo(0.0f)).body("[0].step_jitter", equalTo(0.2f))
                .body("[1].slots", equalTo(1)).body("[1].speed", equalTo(0.5f))
                .body("[1].faults.fail_rate", equalTo(0.0f))
                .body("[2].slots", equalTo(2)).body("[2].speed", equalTo(2.5f)).body("[2].step_time_ms", equalTo(30.0f))
                .body("[2].faults.fail_rate", equalTo(1.0f)).body("[2].faults.status", equalTo("RESOURCE_EXHAUSTED"));
    }

    @Test
    void overriddenFaultsHitThatNodeOnly() throws InterruptedException {
        try (NodeClients node2 = new NodeClients(18103); NodeClients node0 = new NodeClients(18101)) {
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                    () -> node2.blocking().modelInfer(prompt("stable_diffusion_1_5", "refused", 1).build()));

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "served", 1).build())
                    .getOutputsCount()).isEqualTo(1);
        }
    }

    @Test
    void overriddenIdlePowerShowsInThatNodesMetricsOnly() {
        assertThat(PrometheusText.node(2).value("nv_gpu_power_usage")).as("node 2 never ran anything").isEqualTo(40.0);
        assertThat(PrometheusText.node(2).value("nv_gpu_power_limit")).isEqualTo(300.0);
        assertThat(PrometheusText.node(0).value("nv_gpu_power_usage")).isGreaterThanOrEqualTo(60.0);
    }
}
