package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.service.NodeRegistry;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class BalancerRoutingTest {

    private static BalancerChannel balancer;

    @FakeTritonNodes.Inject
    FakeTritonNodes nodes;

    private final NodeRegistry registry;

    BalancerRoutingTest(NodeRegistry registry) {
        this.registry = registry;
    }

    @BeforeAll
    static void connect() {
        balancer = new BalancerChannel();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        balancer.close();
    }

    @BeforeEach
    void everyNodeReadyAndAnswering() {
        nodes.all().forEach(FakeTritonNode::reset);
        nodes.all().forEach(node -> awaitBalancerSees(node, true));
        await().until(() -> registry.nodes().stream().allMatch(node -> node.inflight() == 0));
    }

    @Test
    void requestsGoOnlyToReadyNodes() {
        turnNotReady(nodes.c());

        Map<String, Integer> answeredBy = sendAndCountAnswers(6);

        assertThat(nodes.c().inferCalls()).isZero();
        assertThat(answeredBy).containsOnlyKeys("node-a", "node-b");
        assertThat(nodes.a().inferCalls() + nodes.b().inferCalls()).isEqualTo(6);
    }

    @Test
    void idleNodesShareRequestsInTurn() {
        Map<String, Integer> answeredBy = sendAndCountAnswers(6);

        assertThat(answeredBy).containsEntry("node-a", 2).containsEntry("node-b", 2).containsEntry("node-c", 2);
    }

    @Test
    void nodeThatTurnsNotReadyStopsReceivingWorkOncePolled() {
        sendAndCountAnswers(3);
        assertThat(nodes.b().inferCalls()).isPositive();

        turnNotReady(nodes.b());
        int callsBefore = nodes.b().inferCalls();
        Map<String, Integer> answeredBy = sendAndCountAnswers(4);

        assertThat(nodes.b().inferCalls()).isEqualTo(callsBefore);
        assertThat(answeredBy).containsOnlyKeys("node-a", "node-c");
    }

    @Test
    void busyNodeIsSkippedWhileIdleNodesExist() {
        nodes.all().forEach(node -> node.answer(Answer.HANG));
        var hanging = balancer.future().modelInfer(request("stable_diffusion_1_5", "long"));
        await().until(() -> nodes.all().stream().mapToInt(FakeTritonNode::inferCalls).sum() == 1);
        FakeTritonNode busy = nodes.all().stream().filter(node -> node.inferCalls() == 1).findFirst().orElseThrow();
        nodes.all().forEach(node -> node.answer(Answer.IMAGE));

        Map<String, Integer> answeredBy = sendAndCountAnswers(4);

        assertThat(busy.inferCalls()).isEqualTo(1);
        assertThat(answeredBy).doesNotContainKey(busy.name()).hasSize(2);
        hanging.cancel(true);
        await().until(() -> busy.cancelledCalls() == 1);
        await().until(() -> registry.nodes().stream().allMatch(node -> node.inflight() == 0));
    }

    @Test
    void unavailableNodeIsRetriedOnAnother() {
        turnNotReady(nodes.c());
        nodes.a().answer(Answer.UNAVAILABLE);

        Map<String, Integer> answeredBy = sendAndCountAnswers(4);

        assertThat(answeredBy).containsOnlyKeys("node-b").containsEntry("node-b", 4);
        assertThat(nodes.a().inferCalls()).isPositive();
    }

    @Test
    void requestFailsWithTheNodeErrorWhenTheRetryIsUnavailableToo() {
        turnNotReady(nodes.c());
        nodes.a().answer(Answer.UNAVAILABLE);
        nodes.b().answer(Answer.UNAVAILABLE);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request("stable_diffusion_1_5", "doomed")));

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
    void noReadyNodeIsUnavailable() {
        nodes.all().forEach(this::turnNotReady);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelInfer(request("stable_diffusion_1_5", "nowhere")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).isEqualTo("no ready inference node");
        assertThat(nodes.all().stream().mapToInt(FakeTritonNode::inferCalls).sum()).isZero();
    }

    @Test
    void responseComesBackUnchanged() {
        ModelInferResponse response = balancer.blocking().modelInfer(request("stable_diffusion_1_5", "echo-7"));

        assertThat(response.getId()).isEqualTo("echo-7");
        assertThat(response.getModelName()).isEqualTo("stable_diffusion_1_5");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getRawOutputContents(0).toStringUtf8()).startsWith("node-");
    }

    private Map<String, Integer> sendAndCountAnswers(int requests) {
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            ModelInferResponse response = balancer.blocking().modelInfer(request("stable_diffusion_1_5", "r" + i));
            answeredBy.merge(response.getRawOutputContents(0).toStringUtf8(), 1, Integer::sum);
        }
        return answeredBy;
    }

    private void turnNotReady(FakeTritonNode node) {
        node.ready(false);
        awaitBalancerSees(node, false);
    }

    private void awaitBalancerSees(FakeTritonNode node, boolean ready) {
        await().until(() -> registry.nodes().stream()
                .filter(n -> n.address().equals(node.address()))
                .anyMatch(n -> n.ready() == ready));
    }
}
