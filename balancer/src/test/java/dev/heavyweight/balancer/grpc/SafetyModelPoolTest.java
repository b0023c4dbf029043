package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import dev.heavyweight.contracts.messages.Lane;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.heavyweight.balancer.grpc.BalancerChannel.SD15;
import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static dev.heavyweight.balancer.grpc.FakeTritonNode.SAFETY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * nsfw_mobilenet_v2 has its own four slots per node (the default {@code model-slots}) beside the one Stable
 * Diffusion slot of each fake node: a safety check never waits behind generations, its own slots are a limit,
 * and nodes without the model keep generating with the balancer ready.
 */
@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class SafetyModelPoolTest extends FakeFleetFixture {

    private static final int SAFETY_SLOTS = 4;

    SafetyModelPoolTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @Test
    void aSafetyCheckIsDispatchedAtOnceWhileEveryStableDiffusionSlotIsBusy() throws Exception {
        servingSafety(nodes.all());
        List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>(fleet.occupyEverySlot("generating"));
        nodes.all().forEach(node -> node.answer(SAFETY, Answer.IMAGE));
        calls.add(balancer.future(Lane.INTERACTIVE).modelInfer(request("generation-waiting")));
        fleet.awaitWaiting(1, 0);

        ModelInferResponse verdict = balancer.blocking().modelInfer(request(SAFETY, "verdict"));

        assertThat(verdict.getModelName()).isEqualTo(SAFETY);
        assertThat(verdict.getRawOutputContents(0).toStringUtf8()).startsWith("node-");
        assertThat(nodes.all()).allMatch(node -> node.heldCount() == 1);
        assertThat(scheduler.queueDepth("shared", Lane.INTERACTIVE)).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heavyweight_balancer_queue_wait_seconds_count{lane=\"interactive\","
                        + "pool=\"nsfw_mobilenet_v2\"}"));
        releaseAll(calls);
    }

    @Test
    void theFifthConcurrentSafetyCheckOnANodeWaitsForOneOfItsFourSlots() throws Exception {
        FakeTritonNode a = nodes.a();
        onlyNodeA();
        servingSafety(List.of(a));
        a.answer(Answer.HOLD);
        List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();
        IntStream.range(0, SAFETY_SLOTS).forEach(i -> calls.add(check("check-" + i)));
        await().until(() -> a.heldCount() == SAFETY_SLOTS);

        calls.add(check("one-too-many"));
        await().until(() -> scheduler.queueDepth(SAFETY, Lane.INTERACTIVE) == 1);

        assertThat(a.received()).doesNotContain("one-too-many");
        String address = a.address();
        given().get("/admin/nodes/" + address).then().statusCode(200)
                .body("in_flight", equalTo(0))
                .body("pools.shared.in_flight", equalTo(0))
                .body("pools.nsfw_mobilenet_v2.slots", equalTo(SAFETY_SLOTS))
                .body("pools.nsfw_mobilenet_v2.in_flight", equalTo(SAFETY_SLOTS));
        given().get("/admin/queue").then().statusCode(200)
                .body("interactive", equalTo(1))
                .body("pools.shared.interactive", equalTo(0))
                .body("pools.nsfw_mobilenet_v2.interactive", equalTo(1));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heavyweight_balancer_inflight{node=\"" + address
                        + "\",pool=\"nsfw_mobilenet_v2\"} 4.0"))
                .body(containsString("heavyweight_balancer_inflight{node=\"" + address + "\",pool=\"shared\"} 0.0"))
                .body(containsString("heavyweight_balancer_queue_depth{lane=\"interactive\","
                        + "pool=\"nsfw_mobilenet_v2\"} 1.0"));

        a.answer(SD15, Answer.IMAGE);
        assertThat(balancer.blocking().modelInfer(request("generation")).getRawOutputContents(0).toStringUtf8())
                .as("Stable Diffusion does not wait for the safety pool").isEqualTo("node-a");

        a.answer(Answer.IMAGE);
        a.releaseHeld();
        for (ListenableFuture<ModelInferResponse> call : calls) {
            Fleet.get(call);
        }
        assertThat(a.received()).contains("one-too-many");
    }

    @Test
    void nodesWithoutTheSafetyModelKeepGeneratingAndTheBalancerStaysReady() {
        ModelInferResponse image = balancer.blocking().modelInfer(request("generation"));
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request(SAFETY, "nowhere")));

        assertThat(image.getRawOutputContents(0).toStringUtf8()).startsWith("node-");
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).isEqualTo("no ready inference node serves nsfw_mobilenet_v2");
        assertThat(balancer.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Triton nodes' }.data.'model:nsfw_mobilenet_v2'", equalTo(0))
                .body("checks.find { it.name == 'Triton nodes' }.data.'model:stable_diffusion_1_5'", equalTo(3));

        servingSafety(List.of(nodes.b()));

        assertThat(balancer.blocking().modelInfer(request(SAFETY, "on-b")).getRawOutputContents(0).toStringUtf8())
                .isEqualTo("node-b");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Triton nodes' }.data.'model:nsfw_mobilenet_v2'", equalTo(1));
    }

    @Test
    void aNodeAnsweringNotFoundForTheSafetyModelStaysReadyForStableDiffusion() {
        FakeTritonNode c = nodes.c();
        c.unknownModelsNotFound(true);
        int before = c.modelReadyCalls();
        // Five polls of the three models: more failed polls than eject-after if NOT_FOUND failed the poll.
        await().until(() -> c.modelReadyCalls() >= before + 5 * 3);

        assertThat(fleet.state(c)).isEqualTo("ready");
        scheduler.drain(nodes.a().address(), true);
        scheduler.drain(nodes.b().address(), true);
        assertThat(balancer.blocking().modelInfer(request("on-c")).getRawOutputContents(0).toStringUtf8())
                .isEqualTo("node-c");
    }

    @Test
    void nodesServingOnlyTheSafetyModelLeaveTheBalancerUnready() {
        nodes.all().forEach(node -> node.serve(SAFETY));
        nodes.all().forEach(fleet::awaitPolledAsServing);

        assertThat(nodes.all()).allMatch(fleet::accepting);
        assertThat(balancer.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Triton nodes' }.data.'model:stable_diffusion_1_5'", equalTo(0))
                .body("checks.find { it.name == 'Triton nodes' }.data.'model:nsfw_mobilenet_v2'", equalTo(3));
        assertThat(balancer.blocking().modelInfer(request(SAFETY, "still-checked")).getModelName()).isEqualTo(SAFETY);
    }

    private void servingSafety(List<FakeTritonNode> serving) {
        serving.forEach(node -> node.serve(SD15, "stable_diffusion_xl", SAFETY));
        serving.forEach(fleet::awaitPolledAsServing);
    }

    private void onlyNodeA() {
        scheduler.drain(nodes.b().address(), true);
        scheduler.drain(nodes.c().address(), true);
    }

    private ListenableFuture<ModelInferResponse> check(String id) {
        return balancer.future(Lane.INTERACTIVE).modelInfer(request(SAFETY, id));
    }

    private void releaseAll(List<ListenableFuture<ModelInferResponse>> calls) throws Exception {
        nodes.all().forEach(node -> node.answer(Answer.IMAGE));
        nodes.all().forEach(FakeTritonNode::releaseHeld);
        for (ListenableFuture<ModelInferResponse> call : calls) {
            Fleet.get(call);
        }
    }
}
