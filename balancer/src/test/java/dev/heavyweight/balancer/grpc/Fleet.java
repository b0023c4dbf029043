package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.contracts.messages.Lane;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static org.awaitility.Awaitility.await;

/** The fake nodes as the balancer sees them, and the moves tests make with them. */
final class Fleet {

    private final List<FakeTritonNode> nodes;
    private final SlotScheduler scheduler;
    private final BalancerChannel balancer;

    Fleet(List<FakeTritonNode> nodes, SlotScheduler scheduler, BalancerChannel balancer) {
        this.nodes = nodes;
        this.scheduler = scheduler;
        this.balancer = balancer;
    }

    /**
     * Every node ready, serving Stable Diffusion only (as the balancer has polled), answering images and taking
     * work, nothing in flight or waiting, and one success on each node, so that no failure streak left by an
     * earlier test counts towards an ejection in the next.
     */
    void reset() throws Exception {
        nodes.forEach(FakeTritonNode::reset);
        nodes.forEach(node -> scheduler.drain(node.address(), false));
        await().until(() -> nodes.stream().allMatch(node -> accepting(node) && polledAsServing(node)));
        await().until(this::idle);
        List<ListenableFuture<ModelInferResponse>> warmUps = occupyEverySlot("warm-up");
        nodes.forEach(node -> {
            node.answer(Answer.IMAGE);
            node.releaseHeld();
        });
        for (ListenableFuture<ModelInferResponse> warmUp : warmUps) {
            warmUp.get(20, TimeUnit.SECONDS);
        }
        await().until(this::idle);
        nodes.forEach(FakeTritonNode::reset);
    }

    /** One held request on every node (each has one slot), so that further requests must wait. */
    List<ListenableFuture<ModelInferResponse>> occupyEverySlot(String prefix) {
        nodes.forEach(node -> node.answer(Answer.HOLD));
        List<ListenableFuture<ModelInferResponse>> held = IntStream.range(0, nodes.size())
                .mapToObj(i -> balancer.future().modelInfer(request(prefix + "-" + i)))
                .toList();
        await().until(() -> nodes.stream().allMatch(node -> node.heldCount() == 1));
        return held;
    }

    void awaitWaiting(int interactive, int batch) {
        await().until(() -> scheduler.queueDepth(Lane.INTERACTIVE) == interactive
                && scheduler.queueDepth(Lane.BATCH) == batch);
    }

    /** Once the balancer has polled the node since it changed the models it serves. */
    void awaitPolledAsServing(FakeTritonNode node) {
        await().until(() -> polledAsServing(node));
    }

    private boolean polledAsServing(FakeTritonNode node) {
        return scheduler.node(node.address()).map(NodeSnapshot::readyModels).orElse(Set.of()).equals(node.served());
    }

    boolean accepting(FakeTritonNode node) {
        return scheduler.node(node.address()).map(NodeSnapshot::accepting).orElse(false);
    }

    String state(FakeTritonNode node) {
        return scheduler.node(node.address()).map(NodeSnapshot::state).orElse("absent");
    }

    void awaitState(FakeTritonNode node, String state) {
        await().until(() -> state(node).equals(state));
    }

    boolean idle() {
        return scheduler.nodes().stream().allMatch(node -> node.totalInflight() == 0)
                && scheduler.queueDepth(Lane.INTERACTIVE) == 0 && scheduler.queueDepth(Lane.BATCH) == 0;
    }

    static ModelInferResponse get(ListenableFuture<ModelInferResponse> call)
            throws ExecutionException, InterruptedException, TimeoutException {
        return call.get(20, TimeUnit.SECONDS);
    }
}
