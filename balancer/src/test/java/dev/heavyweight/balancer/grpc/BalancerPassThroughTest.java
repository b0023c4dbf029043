package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.service.NodeRegistry;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ServerLiveRequest;
import dev.heavyweight.contracts.kserve.ServerMetadataRequest;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class BalancerPassThroughTest {

    private static BalancerChannel balancer;

    @FakeTritonNodes.Inject
    FakeTritonNodes nodes;

    private final NodeRegistry registry;

    BalancerPassThroughTest(NodeRegistry registry) {
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
        await().until(() -> registry.readyNodes().size() == 3);
        await().until(() -> registry.nodes().stream().allMatch(node -> node.inflight() == 0));
    }

    @Test
    void serverCallsDescribeTheBalancer() {
        assertThat(balancer.blocking().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(balancer.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(balancer.blocking().serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName())
                .isEqualTo("heavyweight-balancer");
    }

    @Test
    void modelCallsAreForwardedToNodes() {
        assertThat(modelReady("stable_diffusion_1_5")).isTrue();
        assertThat(modelReady("no_such_model")).isFalse();
        assertThat(balancer.blocking().modelMetadata(ModelMetadataRequest.newBuilder()
                .setName("stable_diffusion_1_5").build()).getPlatform()).startsWith("node-");
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blocking().modelMetadata(
                        ModelMetadataRequest.newBuilder().setName("no_such_model").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void withoutReadyNodesTheBalancerIsNotReady() {
        nodes.all().forEach(node -> node.ready(false));
        await().until(() -> registry.readyNodes().isEmpty());

        assertThat(balancer.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
        assertThat(modelReady("stable_diffusion_1_5")).isFalse();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Triton nodes' }.data.'" + nodes.a().address() + "'",
                        equalTo("not ready"));
    }

    @Test
    void callerDeadlineReachesTheNode() {
        balancer.blockingWithoutDeadline().withDeadlineAfter(20, TimeUnit.SECONDS)
                .modelInfer(request("stable_diffusion_1_5", "timed"));

        FakeTritonNode served = nodes.all().stream().filter(n -> n.inferCalls() == 1).findFirst().orElseThrow();
        assertThat(served.lastDeadline()).isNotNull();
        assertThat(served.lastDeadline().timeRemaining(TimeUnit.SECONDS)).isLessThanOrEqualTo(20);
    }

    @Test
    void callWithoutDeadlineGetsTheConfiguredInferTimeout() {
        balancer.blockingWithoutDeadline().modelInfer(request("stable_diffusion_1_5", "untimed"));

        FakeTritonNode served = nodes.all().stream().filter(n -> n.inferCalls() == 1).findFirst().orElseThrow();
        assertThat(served.lastDeadline()).isNotNull();
        assertThat(served.lastDeadline().timeRemaining(TimeUnit.SECONDS)).isBetween(60L, 300L);
    }

    @Test
    void expiredCallerDeadlineCancelsTheNodeCall() {
        nodes.all().forEach(node -> node.answer(Answer.HANG));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blockingWithoutDeadline().withDeadlineAfter(1, TimeUnit.SECONDS)
                        .modelInfer(request("stable_diffusion_1_5", "too-slow")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        await().until(() -> nodes.all().stream().mapToInt(FakeTritonNode::cancelledCalls).sum() == 1);
        await().until(() -> registry.nodes().stream().allMatch(node -> node.inflight() == 0));
    }

    @Test
    void metricsShowNodesAndDispatches() {
        balancer.blocking().modelInfer(request("stable_diffusion_1_5", "counted"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heavyweight_balancer_node_ready{node=\"" + nodes.a().address() + "\"} 1.0"))
                .body(containsString("heavyweight_balancer_inflight{node=\"" + nodes.b().address() + "\"} 0.0"))
                .body(containsString("heavyweight_balancer_dispatches_total{node=\""))
                .body(containsString("outcome=\"success\"}"));
    }

    private boolean modelReady(String model) {
        return balancer.blocking().modelReady(ModelReadyRequest.newBuilder().setName(model).build()).getReady();
    }
}
