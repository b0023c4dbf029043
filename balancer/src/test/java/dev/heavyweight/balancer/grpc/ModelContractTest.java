package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.balancer.service.NodeContracts;
import io.grpc.Status;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.heavyweight.balancer.grpc.BalancerChannel.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A node takes a model's work only while its ModelMetadata matches the platform's contract and a warm-up ran. */
@QuarkusTest
@WithTestResource(FakeTritonNodes.class)
class ModelContractTest extends FakeFleetFixture {

    private static final String SD = "stable_diffusion_1_5";
    private static final String CHECK = "checks.find { it.name == 'Triton nodes' }.data.";

    private final NodeContracts contracts;

    ModelContractTest(SlotScheduler scheduler, NodeContracts contracts) {
        super(scheduler);
        this.contracts = contracts;
    }

    @Test
    void aNodeWithARenamedInputTakesNoWorkAndReadinessSaysWhatDiffers() {
        nodes.a().renameInput("prompt", "text");
        await().until(() -> !servedModels(nodes.a()).contains(SD));

        given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + "'contract:" + nodes.a().address() + "/" + SD + "'",
                        equalTo("contract mismatch: input prompt: missing (node has: text, negative_prompt)"))
                .body(CHECK + "'contract:" + nodes.b().address() + "/" + SD + "'", equalTo("ok"));
        for (int i = 0; i < 6; i++) {
            balancer.blocking().modelInfer(request("while-a-mismatches-" + i));
        }
        assertThat(nodes.a().received()).isEmpty();
        assertThat(nodes.b().received().size() + nodes.c().received().size()).isEqualTo(6);
        given().get("/q/metrics").then()
                .body(containsString(gauge("ready", nodes.a()) + " 0.0"))
                .body(containsString(gauge("mismatches", nodes.a()) + " 1.0"))
                .body(containsString(gauge("ready", nodes.b()) + " 1.0"))
                .body(containsString(gauge("mismatches", nodes.b()) + " 0.0"));

        nodes.a().renameInput("prompt", "prompt");
        await().until(() -> servedModels(nodes.a()).contains(SD));
        given().get("/q/metrics").then().body(containsString(gauge("ready", nodes.a()) + " 1.0"));
    }

    @Test
    void withoutASuccessfulWarmUpOnAnyNodeTheBalancerIsNotReady() {
        nodes.all().forEach(node -> node.failWarmUps(
                Status.INTERNAL.withDescription("CUDA driver version is insufficient for CUDA runtime version")));
        // A failed poll may mean a restarted node: it must warm up again before it takes work.
        nodes.all().forEach(node -> node.ready(false));
        await().until(() -> nodes.all().stream().allMatch(node -> contract(node).startsWith("not checked")));
        nodes.all().forEach(node -> node.ready(true));
        await().until(() -> nodes.all().stream().allMatch(node -> contract(node).startsWith("warm-up failed")));

        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(CHECK + "'contract:" + nodes.a().address() + "/" + SD + "'", equalTo("warm-up failed: "
                        + "INTERNAL: CUDA driver version is insufficient for CUDA runtime version"));
        assertThat(servedModels(nodes.a())).doesNotContain(SD);

        nodes.all().forEach(node -> node.failWarmUps(null));
        await().until(scheduler::ready);
        given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + "'contract:" + nodes.a().address() + "/" + SD + "'", equalTo("ok"));
    }

    private String contract(FakeTritonNode node) {
        return contracts.status(node.address(), SD).map(NodeContracts.ContractStatus::detail).orElse("");
    }

    private Set<String> servedModels(FakeTritonNode node) {
        return scheduler.node(node.address()).map(NodeSnapshot::readyModels).orElse(Set.of());
    }

    private static String gauge(String name, FakeTritonNode node) {
        return "heavyweight_model_contract_" + name + "{model=\"" + SD + "\",node=\"" + node.address() + "\"}";
    }
}
