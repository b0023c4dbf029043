package dev.heavyweight.emulator.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import dev.heavyweight.contracts.kserve.ModelInferResponse;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A one-slot node runs concurrent requests one after the other, in arrival order. The first request hangs
 * (an injected fault) so that it holds the slot for exactly as long as the test needs to see the others
 * queue, however slow the machine.
 */
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

    @AfterEach
    void heal() {
        Admin.clearFaults(1);
    }

    @Test
    void oneSlotNodeQueuesRequestsAndRunsThemInArrivalOrder() throws Exception {
        EmulatedNode node = fleet.nodes().get(1);
        assertThat(node.name()).isEqualTo("127.0.0.1:18102");
        assertThat(node.slots()).isEqualTo(1);
        long waitedBefore = node.waitedTotal();
        Admin.faults(1, "{\"hang_next\":1}");

        ListenableFuture<ModelInferResponse> holder = client.future()
                .modelInfer(prompt("stable_diffusion_1_5", "holder", 1).setId("queue-holder").build());
        await().until(() -> node.busySlots() == 1);
        ListenableFuture<ModelInferResponse> second = client.future()
                .modelInfer(prompt("stable_diffusion_1_5", "second", 2).setId("queue-second").build());
        await().until(() -> node.queued() == 1);
        ListenableFuture<ModelInferResponse> third = client.future()
                .modelInfer(prompt("stable_diffusion_1_5", "third", 3).setId("queue-third").build());
        await().until(() -> node.queued() == 2);

        assertThat(second).as("waits while the slot is held").isNotDone();
        holder.cancel(true);

        assertThat(second.get().getId()).isEqualTo("queue-second");
        assertThat(third.get().getId()).isEqualTo("queue-third");
        assertThat(node.waitedTotal()).as("two requests waited in the node's queue").isEqualTo(waitedBefore + 2);
        await().until(() -> Admin.executions("queue-holder").size() == 1);
        Map<String, Object> held = Admin.executions("queue-holder").get(0);
        Map<String, Object> ranSecond = Admin.executions("queue-second").get(0);
        Map<String, Object> ranThird = Admin.executions("queue-third").get(0);
        assertThat(held.get("outcome")).isEqualTo("cancelled");
        assertThat(millis(ranSecond, "started_at_ms")).isGreaterThanOrEqualTo(millis(held, "finished_at_ms"));
        assertThat(millis(ranThird, "started_at_ms")).isGreaterThanOrEqualTo(millis(ranSecond, "finished_at_ms"));
    }

    private static long millis(Map<String, Object> execution, String field) {
        return ((Number) execution.get(field)).longValue();
    }
}
