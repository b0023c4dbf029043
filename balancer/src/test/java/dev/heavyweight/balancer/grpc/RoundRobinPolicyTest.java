package dev.heavyweight.balancer.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.balancer.grpc.FakeTritonNode.Answer;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The round-robin baseline forwards every request at once, busy node or not, in node order. */
@QuarkusTest
@TestProfile(RoundRobinPolicyTest.RoundRobin.class)
@WithTestResource(FakeTritonNodes.class)
class RoundRobinPolicyTest extends FakeFleetFixture {

    /** {@code policy=round-robin}, in an application of its own. */
    public static class RoundRobin implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.balancer.policy", "round-robin");
        }
    }

    RoundRobinPolicyTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @Test
    void requestsGoToTheNextNodeAtOnceEvenWhenItIsBusy() throws Exception {
        nodes.all().forEach(node -> node.answer(Answer.HOLD));
        List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            calls.add(balancer.future().modelInfer(request("r" + i)));
            int sent = i + 1;
            await().until(() -> nodes.all().stream().mapToInt(FakeTritonNode::heldCount).sum() == sent);
        }

        assertThat(nodes.a().received()).containsExactly("r0", "r3");
        assertThat(nodes.b().received()).containsExactly("r1", "r4");
        assertThat(nodes.c().received()).containsExactly("r2", "r5");
        given().get("/admin/queue").then().body("interactive", equalTo(0));
        given().get("/admin/nodes").then().body("find { it.address == '" + nodes.a().address() + "' }.in_flight",
                equalTo(2));
        given().get("/admin/policy").then().body("policy", equalTo("round-robin"))
                .body("waits_for_free_slot", equalTo(false));
        nodes.all().forEach(FakeTritonNode::releaseHeld);
        for (ListenableFuture<ModelInferResponse> call : calls) {
            Fleet.get(call);
        }
    }
}
