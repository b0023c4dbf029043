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

import java.util.ArrayList;
import java.util.List;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Ejection after failed polls or failed requests, and the gradual way back. */
@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class NodeHealthTest extends FakeFleetFixture {

    NodeHealthTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @Test
    void aNodeFailingItsPollsIsEjectedAndLaterReadmittedStepByStep() {
        // The fleet outlives each test: other tests of the class may have ejected this node before.
        int ejectionsBefore = given().get("/admin/nodes/" + nodes.a().address()).then().statusCode(200)
                .extract().path("ejections");
        nodes.a().ready(false);
        fleet.awaitState(nodes.a(), "ejected");
        for (int i = 0; i < 4; i++) {
            balancer.blocking().modelInfer(request("while-ejected-" + i));
        }
        assertThat(nodes.a().inferCalls()).isZero();
        given().get("/q/metrics").then()
                .body(containsString("heavyweight_balancer_ejections_total{node=\"" + nodes.a().address() + "\"}"))
                .body(containsString("heavyweight_balancer_node_state{node=\"" + nodes.a().address()
                        + "\",state=\"ejected\"} 1.0"));
        given().get("/admin/nodes/" + nodes.a().address()).then().statusCode(200)
                .body("state", equalTo("ejected"))
                .body("ejections", equalTo(ejectionsBefore + 1));

        nodes.a().ready(true);
        fleet.awaitState(nodes.a(), "readmitting");
        scheduler.drain(nodes.b().address(), true);
        scheduler.drain(nodes.c().address(), true);
        balancer.blocking().modelInfer(request("probe-1"));
        assertThat(fleet.state(nodes.a())).isEqualTo("readmitting");
        balancer.blocking().modelInfer(request("probe-2"));

        assertThat(nodes.a().received()).containsExactly("probe-1", "probe-2");
        assertThat(fleet.state(nodes.a())).isEqualTo("ready");
    }

    @Test
    void aNodeFailingRequestsInARowIsEjected() throws Exception {
        List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>(fleet.occupyEverySlot("busy"));
        nodes.a().answer(Answer.UNAVAILABLE);
        nodes.a().releaseHeld();

        for (int i = 0; i < 3; i++) {
            String id = "failing-" + i;
            calls.add(balancer.future().modelInfer(request(id)));
            await().until(() -> nodes.a().received().contains(id));
        }

        fleet.awaitState(nodes.a(), "ejected");
        assertThat(nodes.a().inferCalls()).isEqualTo(4);
        given().get("/q/metrics").then()
                .body(containsString("heavyweight_balancer_failures_total{code=\"unavailable\",node=\""
                        + nodes.a().address() + "\"}"));
        nodes.all().forEach(node -> node.answer(Answer.IMAGE));
        nodes.all().forEach(FakeTritonNode::releaseHeld);
        for (ListenableFuture<ModelInferResponse> call : calls) {
            Fleet.get(call);
        }
        assertThat(nodes.a().received()).hasSize(4);
        fleet.awaitState(nodes.a(), "readmitting");
    }

    @Test
    void failedRequestsDoNotEjectTheLastNodeTakingWork() {
        scheduler.drain(nodes.b().address(), true);
        scheduler.drain(nodes.c().address(), true);
        nodes.a().answer(Answer.UNAVAILABLE);

        for (int i = 0; i < 4; i++) {
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                    () -> balancer.blocking().modelInfer(request("failing")));
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(error.getStatus().getDescription()).isEqualTo("node-a is overloaded");
        }

        assertThat(fleet.state(nodes.a())).isEqualTo("ready");
    }
}
