package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.tensor.RgbImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmulatedNodeTest {

    private final ManualTimer timer = new ManualTimer();
    private final ExecutorService renderer = Executors.newFixedThreadPool(2);
    private final ImageGenerator generator = new ImageGenerator();

    @AfterEach
    void stopThreads() {
        renderer.shutdownNow();
    }

    @Test
    void oneSlotRunsRequestsOneAfterAnotherInArrivalOrder() {
        EmulatedNode node = node(1, 1.0);

        List<CompletableFuture<RgbImage>> results = List.of(node.submit(request("first")),
                node.submit(request("second")), node.submit(request("third")));

        assertThat(node.busySlots()).isEqualTo(1);
        assertThat(node.queued()).isEqualTo(2);
        assertThat(node.waitedTotal()).isEqualTo(2);
        finishNext(node, results.get(0));
        assertThat(results.get(1)).isNotDone();
        assertThat(node.queued()).isEqualTo(1);
        finishNext(node, results.get(1));
        assertThat(results.get(2)).isNotDone();
        assertThat(node.queued()).isZero();
        finishNext(node, results.get(2));
        assertThat(node.busySlots()).isZero();
        assertThat(node.completedTotal()).isEqualTo(3);
    }

    @Test
    void everySlotTakesARequestBeforeAnyWaits() {
        EmulatedNode node = node(2, 1.0);

        List<CompletableFuture<RgbImage>> results = List.of(node.submit(request("a")), node.submit(request("b")),
                node.submit(request("c")));

        assertThat(node.busySlots()).isEqualTo(2);
        assertThat(node.queued()).isEqualTo(1);
        await().until(() -> timer.running() == 2);
        finishNext(node, results.get(0));
        assertThat(node.busySlots()).isEqualTo(2);
        assertThat(node.queued()).isZero();
    }

    @Test
    void cancelledWaitingRequestLeavesTheQueueAndNeverRuns() {
        EmulatedNode node = node(1, 1.0);
        CompletableFuture<RgbImage> running = node.submit(request("running"));
        CompletableFuture<RgbImage> waiting = node.submit(request("waiting"));

        waiting.cancel(false);

        assertThat(node.queued()).isZero();
        finishNext(node, running);
        assertThat(node.busySlots()).isZero();
        assertThat(timer.running()).isZero();
        assertThat(node.completedTotal()).isEqualTo(1);
    }

    @Test
    void resultIsTheImageOfTheRequest() {
        EmulatedNode node = node(1, 1.0);
        CompletableFuture<RgbImage> result = node.submit(request("a boat"));

        finishNext(node, result);

        assertThat(result.join().rgb()).isEqualTo(generator.render("a boat", "", 3, 256, 320).rgb());
    }

    @Test
    void executionTimeScalesWithStepsAndSpeed() {
        assertThat(node(1, 1.0).executionTime(50)).isEqualTo(Duration.ofMillis(500));
        assertThat(node(1, 2.0).executionTime(50)).isEqualTo(Duration.ofMillis(250));
    }

    /** Lets the oldest execution's time pass and waits until its result (and the slot hand-over) happened. */
    private void finishNext(EmulatedNode node, CompletableFuture<RgbImage> expected) {
        long completed = node.completedTotal();
        timer.finishOldest();
        expected.join();
        await().until(() -> node.completedTotal() == completed + 1 && timer.running() == node.busySlots());
    }

    private EmulatedNode node(int slots, double speed) {
        return new EmulatedNode("test-node", slots, speed, Duration.ofMillis(10), generator, timer, renderer,
                new NodeFaults(0, io.grpc.Status.Code.UNAVAILABLE));
    }

    private static GenerationRequest request(String prompt) {
        return new GenerationRequest(ModelCatalog.find(ModelCatalog.SD_1_5).orElseThrow(), prompt, "", 3, 5, 256, 320);
    }
}
