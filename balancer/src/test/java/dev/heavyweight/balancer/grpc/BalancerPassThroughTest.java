package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import dev.heavyweight.contracts.kserve.ServerLiveRequest;
import dev.heavyweight.contracts.kserve.ServerMetadataRequest;
import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class BalancerPassThroughTest extends FakeFleetFixture {

    BalancerPassThroughTest(SlotScheduler scheduler) {
        super(scheduler);
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
    void withoutNodesTakingWorkTheBalancerIsNotReady() {
        nodes.all().forEach(node -> node.ready(false));
        nodes.all().forEach(node -> fleet.awaitState(node, "ejected"));

        assertThat(balancer.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
        assertThat(modelReady("stable_diffusion_1_5")).isFalse();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Triton nodes' }.data.'" + nodes.a().address() + "'",
                        equalTo("ejected"));
    }

    @Test
    void callerDeadlineReachesTheNode() {
        balancer.blockingWithoutDeadline().withDeadlineAfter(20, TimeUnit.SECONDS).modelInfer(request("timed"));

        FakeTritonNode served = nodes.all().stream().filter(n -> n.inferCalls() == 1).findFirst().orElseThrow();
        assertThat(served.lastDeadline()).isNotNull();
        assertThat(served.lastDeadline().timeRemaining(TimeUnit.SECONDS)).isLessThanOrEqualTo(20);
    }

    @Test
    void callWithoutDeadlineGetsTheConfiguredInferTimeout() {
        balancer.blockingWithoutDeadline().modelInfer(request("untimed"));

        FakeTritonNode served = nodes.all().stream().filter(n -> n.inferCalls() == 1).findFirst().orElseThrow();
        assertThat(served.lastDeadline()).isNotNull();
        assertThat(served.lastDeadline().timeRemaining(TimeUnit.MILLISECONDS)).isBetween(1L, 3_000L);
    }

    @Test
    void expiredCallerDeadlineCancelsTheNodeCall() {
        nodes.all().forEach(node -> node.answer(Answer.HOLD));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> balancer.blockingWithoutDeadline().withDeadlineAfter(1, TimeUnit.SECONDS)
                        .modelInfer(request("too-slow")));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        await().until(() -> nodes.all().stream().flatMap(node -> node.cancelled().stream()).toList()
                .equals(List.of("too-slow")));
        await().until(fleet::idle);
    }

    private boolean modelReady(String model) {
        return balancer.blocking().modelReady(ModelReadyRequest.newBuilder().setName(model).build()).getReady();
    }
}
