package dev.heavyweight.emulator.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.heavyweight.emulator.grpc.InferRequests.int64;
import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class NodeQueueTest {

    private static NodeClients client;
    private final NodeFleet fleet;

    NodeQueueTest(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @BeforeAll
    static void connect() {
        client = new NodeClients(18102);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        client.close();
    }

    @Test
    void oneSlotNodeRunsConcurrentRequestsOneAfterTheOther() throws Exception {
        EmulatedNode node = fleet.nodes().get(1);
        assertThat(node.name()).isEqualTo("127.0.0.1:18102");
        assertThat(node.slots()).isEqualTo(1);
        long waitedBefore = node.waitedTotal();
        ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();

        ListenableFuture<ModelInferResponse> first = client.future().modelInfer(
                prompt("stable_diffusion_1_5", "first", 1).setId("first").putParameters("steps", int64(100)).build());
        first.addListener(() -> finished.add("first"), Runnable::run);
        await().until(() -> node.busySlots() == 1);
        ListenableFuture<ModelInferResponse> second = client.future().modelInfer(
                prompt("stable_diffusion_1_5", "second", 2).setId("second").build());
        second.addListener(() -> finished.add("second"), Runnable::run);

        assertThat(first.get().getId()).isEqualTo("first");
        assertThat(second.get().getId()).isEqualTo("second");
        await().until(() -> finished.size() == 2);
        assertThat(finished).containsExactly("first", "second");
        assertThat(node.waitedTotal()).as("the second request waited in the node's queue").isEqualTo(waitedBefore + 1);
    }
}
