package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.messages.Lane;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** The admin API and metrics show nodes, queue and policy; draining through the API. */
@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class AdminApiTest extends FakeFleetFixture {

    AdminApiTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @Test
    void nodesQueueAndMetricsShowTheState() throws Exception {
        List<ListenableFuture<ModelInferResponse>> held = fleet.occupyEverySlot("shown");
        ListenableFuture<ModelInferResponse> waiting = balancer.future(Lane.BATCH).modelInfer(request("waiting"));
        fleet.awaitWaiting(0, 1);
        String a = nodes.a().address();

        given().get("/admin/nodes").then().statusCode(200)
                .body("$", hasSize(3))
                .body("address", hasItems(a, nodes.b().address(), nodes.c().address()))
                .body("find { it.address == '" + a + "' }.state", equalTo("ready"))
                .body("find { it.address == '" + a + "' }.slots", equalTo(1))
                .body("find { it.address == '" + a + "' }.in_flight", equalTo(1))
                .body("find { it.address == '" + a + "' }.ready_models",
                        equalTo(List.of("stable_diffusion_1_5", "stable_diffusion_xl")))
                .body("find { it.address == '" + a + "' }.service_time_seconds.stable_diffusion_1_5", greaterThan(0f))
                .body("find { it.address == '" + a + "' }.dispatched", greaterThan(0));
        given().get("/admin/queue").then().statusCode(200)
                .body("interactive", equalTo(0)).body("batch", equalTo(1)).body("capacity", equalTo(3));
        given().get("/admin/policy").then().statusCode(200)
                .body("policy", equalTo("least-loaded")).body("waits_for_free_slot", equalTo(true));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heavyweight_balancer_queue_depth{lane=\"batch\",pool=\"shared\"} 1.0"))
                .body(containsString("heavyweight_balancer_inflight{node=\"" + a + "\",pool=\"shared\"} 1.0"))
                .body(containsString("heavyweight_balancer_node_busy_ratio{node=\"" + a + "\",pool=\"shared\"} 1.0"))
                .body(containsString("heavyweight_balancer_node_state{node=\"" + a + "\",state=\"ready\"} 1.0"))
                .body(containsString("heavyweight_balancer_node_ready{node=\"" + a + "\"} 1.0"))
                .body(containsString("heavyweight_balancer_service_time_seconds{model=\"stable_diffusion_xl\",node=\""
                        + a + "\"} 2.0"))
                .body(containsString("heavyweight_balancer_node_busy_seconds_total{node=\"" + a
                        + "\",pool=\"shared\"}"))
                .body(containsString("heavyweight_balancer_queue_wait_seconds_count{lane=\"interactive\","
                        + "pool=\"shared\"}"))
                .body(containsString("heavyweight_balancer_dispatches_total{node=\"" + a + "\",outcome=\"success\"}"));

        nodes.all().forEach(node -> node.answer(Answer.IMAGE));
        nodes.all().forEach(FakeTritonNode::releaseHeld);
        for (ListenableFuture<ModelInferResponse> call : held) {
            Fleet.get(call);
        }
        Fleet.get(waiting);
        given().get("/q/metrics").then()
                .body(containsString("heavyweight_balancer_queue_wait_seconds_count{lane=\"batch\",pool=\"shared\"}"));
    }

    @Test
    void aDrainedNodeFinishesItsRequestButGetsNoNewOnes() throws Exception {
        nodes.all().forEach(node -> node.answer(Answer.HOLD));
        ListenableFuture<ModelInferResponse> running = balancer.future().modelInfer(request("running"));
        await().until(() -> nodes.all().stream().mapToInt(FakeTritonNode::heldCount).sum() == 1);
        FakeTritonNode drained = nodes.all().stream().filter(n -> n.heldCount() == 1).findFirst().orElseThrow();

        given().post("/admin/nodes/" + drained.address() + "/drain").then().statusCode(200)
                .body("state", equalTo("draining")).body("in_flight", equalTo(1));
        nodes.all().forEach(node -> node.answer(Answer.IMAGE));
        for (int i = 0; i < 4; i++) {
            balancer.blocking().modelInfer(request("while-draining-" + i));
        }
        drained.releaseHeld();

        assertThat(Fleet.get(running).getRawOutputContents(0).toStringUtf8()).isEqualTo(drained.name());
        assertThat(drained.received()).containsExactly("running");
        given().get("/admin/nodes/" + drained.address()).then().body("in_flight", equalTo(0))
                .body("state", equalTo("draining"));
        given().delete("/admin/nodes/" + drained.address() + "/drain").then().statusCode(200)
                .body("state", equalTo("ready"));
    }

    @Test
    void loopbackCallersAreServedUnderTheDefaultAllowedCidrs() {
        // This client connects from 127.0.0.1, inside the default 127.0.0.0/8,::1; AdminAccessTest narrows the list.
        given().post("/admin/nodes/" + nodes.a().address() + "/drain").then().statusCode(200)
                .body("state", equalTo("draining"));
        given().delete("/admin/nodes/" + nodes.a().address() + "/drain").then().statusCode(200)
                .body("state", equalTo("ready"));
    }

    @Test
    void anUnknownNodeIsAProblem() {
        given().post("/admin/nodes/10.9.9.9:1/drain").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://heavyweight.dev/problems/not-found"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", containsString("no node 10.9.9.9:1"));
        given().get("/admin/nodes/10.9.9.9:1").then().statusCode(404).contentType("application/problem+json");
    }
}
