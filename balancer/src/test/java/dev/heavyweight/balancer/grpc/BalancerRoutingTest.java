package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class BalancerRoutingTest extends FakeFleetFixture {

    BalancerRoutingTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @Test
    void requestsGoOnlyToNodesTakingWork() {
        turnNotReady(nodes.c());

        Map<String, Integer> answeredBy = sendAndCountAnswers(6);

        assertThat(nodes.c().inferCalls()).isZero();
        assertThat(answeredBy.keySet()).isSubsetOf("node-a", "node-b");
        assertThat(nodes.a().inferCalls() + nodes.b().inferCalls()).isEqualTo(6);
    }

    @Test
    void concurrentRequestsEachTakeAFreeSlot() throws Exception {
        List<ListenableFuture<ModelInferResponse>> held = fleet.occupyEverySlot("spread");

        assertThat(nodes.all()).allMatch(node -> node.received().size() == 1);
        nodes.all().forEach(FakeTritonNode::releaseHeld);
        for (ListenableFuture<ModelInferResponse> call : held) {
            assertThat(Fleet.get(call).getRawOutputContents(0).toStringUtf8()).startsWith("node-");
        }
    }

    @Test
    void busyNodeIsSkippedWhileOthersHaveFreeSlots() throws Exception {
        nodes.all().forEach(node -> node.answer(Answer.HOLD));
        ListenableFuture<ModelInferResponse> holding = balancer.future().modelInfer(request("long"));
        await().until(() -> nodes.all().stream().mapToInt(FakeTritonNode::heldCount).sum() == 1);
        FakeTritonNode busy = nodes.all().stream().filter(node -> node.heldCount() == 1).findFirst().orElseThrow();
        nodes.all().forEach(node -> node.answer(Answer.IMAGE));

        Map<String, Integer> answeredBy = sendAndCountAnswers(4);

        assertThat(busy.inferCalls()).isEqualTo(1);
        assertThat(answeredBy).doesNotContainKey(busy.name());
        holding.cancel(true);
        await().until(() -> busy.cancelled().equals(List.of("long")));
        await().until(fleet::idle);
    }

    @Test
    void unavailableNodeIsRetriedOnAnotherThroughTheScheduler() throws Exception {
        scheduler.drain(nodes.a().address(), true);
        nodes.all().forEach(node -> node.answer(Answer.HOLD));
        List<ListenableFuture<ModelInferResponse>> held = List.of(
                balancer.future().modelInfer(request("held-1")), balancer.future().modelInfer(request("held-2")));
        await().until(() -> nodes.b().heldCount() == 1 && nodes.c().heldCount() == 1);
        scheduler.drain(nodes.a().address(), false);
        nodes.a().answer(Answer.UNAVAILABLE);

        ListenableFuture<ModelInferResponse> retried = balancer.future().modelInfer(request("retried"));
        await().until(() -> nodes.a().received().contains("retried"));
        fleet.awaitWaiting(1, 0);
        nodes.b().answer(Answer.IMAGE);
        nodes.b().releaseHeld();

        assertThat(Fleet.get(retried).getRawOutputContents(0).toStringUtf8()).isEqualTo("node-b");
        assertThat(nodes.b().received()).endsWith("retried");
        nodes.c().releaseHeld();
        for (ListenableFuture<ModelInferResponse> call : held) {
            Fleet.get(call);
        }
    }

    @Test
    void requestFailsWithTheNodeErrorWhenEveryNodeWasTried() {
        turnNotReady(nodes.c());
        nodes.a().answer(Answer.UNAVAILABLE);
        nodes.b().answer(Answer.UNAVAILABLE);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request("doomed")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).endsWith("is overloaded");
        assertThat(nodes.a().inferCalls()).isEqualTo(1);
        assertThat(nodes.b().inferCalls()).isEqualTo(1);
    }

    @Test
    void nodeNotFoundPassesThroughWithoutRetry() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request("no_such_model", "missing")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.getStatus().getDescription())
                .isEqualTo("Request for unknown model: 'no_such_model' is not found");
        assertThat(nodes.all().stream().mapToInt(FakeTritonNode::inferCalls).sum()).isEqualTo(1);
    }

    @Test
    void noNodeTakingWorkIsUnavailable() {
        nodes.all().forEach(this::turnNotReady);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request("nowhere")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).isEqualTo("no ready inference node serves stable_diffusion_1_5");
        assertThat(nodes.all().stream().mapToInt(FakeTritonNode::inferCalls).sum()).isZero();
    }

    @Test
    void responseComesBackUnchanged() {
        ModelInferResponse response = balancer.blocking().modelInfer(request("echo-7"));

        assertThat(response.getId()).isEqualTo("echo-7");
        assertThat(response.getModelName()).isEqualTo("stable_diffusion_1_5");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getRawOutputContents(0).toStringUtf8()).startsWith("node-");
    }

    private Map<String, Integer> sendAndCountAnswers(int requests) {
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            ModelInferResponse response = balancer.blocking().modelInfer(request("r" + i));
            answeredBy.merge(response.getRawOutputContents(0).toStringUtf8(), 1, Integer::sum);
        }
        return answeredBy;
    }

    private void turnNotReady(FakeTritonNode node) {
        node.ready(false);
        fleet.awaitState(node, "ejected");
    }
}
