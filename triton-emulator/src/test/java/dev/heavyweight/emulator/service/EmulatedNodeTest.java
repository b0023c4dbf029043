package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.tensor.RgbImage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class EmulatedNodeTest {

    private final ManualTimer timer = new ManualTimer();
    private final ManualClock clock = new ManualClock();
    private final ExecutorService renderer = Executors.newFixedThreadPool(2);
    private final ImageGenerator generator = new ImageGenerator();
    private final List<Execution> executions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        renderer.shutdownNow();
    }

    @Test
    void oneSlotRunsRequestsOneAfterAnotherInArrivalOrder() {
        EmulatedNode node = node(1);

        List<NodeJob> jobs = List.of(submit(node, "first"), submit(node, "second"), submit(node, "third"));

        assertThat(node.busySlots()).isEqualTo(1);
        assertThat(node.queued()).isEqualTo(2);
        assertThat(node.queuedByModel()).containsEntry(ModelCatalog.SD_1_5, 2);
        assertThat(node.waitedTotal()).isEqualTo(2);
        finishNext(node, jobs.get(0));
        assertThat(jobs.get(1).result()).isNotDone();
        assertThat(node.queued()).isEqualTo(1);
        finishNext(node, jobs.get(1));
        assertThat(jobs.get(2).result()).isNotDone();
        assertThat(node.queued()).isZero();
        finishNext(node, jobs.get(2));
        assertThat(node.busySlots()).isZero();
        assertThat(executions).extracting(Execution::id).containsExactly("first", "second", "third");
        assertThat(executions).extracting(Execution::outcome).containsOnly("ok");
    }

    @Test
    void everySlotTakesARequestBeforeAnyWaits() {
        EmulatedNode node = node(2);

        List<NodeJob> jobs = List.of(submit(node, "a"), submit(node, "b"), submit(node, "c"));

        assertThat(node.busySlots()).isEqualTo(2);
        assertThat(node.queued()).isEqualTo(1);
        await().until(() -> timer.running() == 2);
        finishNext(node, jobs.get(0));
        assertThat(node.busySlots()).isEqualTo(2);
        assertThat(node.queued()).isZero();
    }

    @Test
    void cancelledWaitingRequestLeavesTheQueueAndNeverRuns() {
        EmulatedNode node = node(1);
        NodeJob running = submit(node, "running");
        NodeJob waiting = submit(node, "waiting");

        node.cancel(waiting);

        assertThat(waiting.result()).isCancelled();
        assertThat(node.queued()).isZero();
        finishNext(node, running);
        assertThat(node.busySlots()).isZero();
        assertThat(timer.running()).isZero();
        assertThat(executions).extracting(Execution::id, Execution::outcome)
                .containsExactly(tuple("waiting", "cancelled"),
                        tuple("running", "ok"));
        assertThat(executions.get(0).startedAtMs()).isNull();
    }

    @Test
    void runningRequestWhoseCallerLeftKeepsItsSlotAndEndsCancelled() {
        EmulatedNode node = node(1);
        NodeJob running = submit(node, "running");

        node.cancel(running);

        assertThat(node.busySlots()).isEqualTo(1);
        finishNext(node, running);
        assertThat(executions).extracting(Execution::outcome).containsExactly("cancelled");
        assertThat(executions.get(0).startedAtMs()).isNotNull();
    }

    @Test
    void hangingRequestHoldsItsSlotUntilItsCallerGivesUp() {
        EmulatedNode node = node(1);
        NodeJob hung = node.submit("hung", request("hung"), true, node.now(), null);
        NodeJob next = submit(node, "next");

        assertThat(node.busySlots()).isEqualTo(1);
        assertThat(node.queued()).isEqualTo(1);
        assertThat(timer.running()).as("a hung request waits for no timer").isZero();
        clock.advance(Duration.ofSeconds(3));
        node.cancel(hung);

        assertThat(hung.result()).isCancelled();
        assertThat(node.queued()).isZero();
        await().until(() -> timer.running() == 1);
        finishNext(node, next);
        Execution hungRecord = executions.get(0);
        assertThat(hungRecord.outcome()).isEqualTo("cancelled");
        assertThat(hungRecord.computeMicros()).isEqualTo(3_000_000);
        assertThat(executions.get(1).queueMicros()).isEqualTo(3_000_000);
    }

    @Test
    void crashDropsQueuedAndRunningWorkAndRefusesMoreUntilRestored() {
        EmulatedNode node = node(1);
        NodeJob running = submit(node, "running");
        NodeJob waiting = submit(node, "waiting");

        node.crash();

        assertThat(running.result()).isCompletedExceptionally();
        assertThat(waiting.result()).isCompletedExceptionally();
        assertThat(node.busySlots()).isZero();
        assertThat(node.queued()).isZero();
        assertThat(submit(node, "refused").result()).isCompletedExceptionally();
        assertThat(executions).extracting(Execution::outcome).containsOnly("UNAVAILABLE").hasSize(3);

        timer.finishOldest();
        node.restore();
        NodeJob after = submit(node, "after");
        await().until(() -> timer.running() == 1);
        finishNext(node, after);
        assertThat(after.result().join().width()).isEqualTo(256);
        assertThat(executions).extracting(Execution::id).containsExactly("running", "waiting", "refused", "after");
    }

    @Test
    void resultIsTheImageOfTheRequest() {
        EmulatedNode node = node(1);
        NodeJob job = submit(node, "a boat");

        finishNext(node, job);

        assertThat(job.result().join().rgb()).isEqualTo(generator.render("a boat", "", 3, 256, 320).rgb());
    }

    @Test
    void recordsArrivalStartAndFinishOnTheNodeClock() {
        EmulatedNode node = node(1);
        NodeJob first = submit(node, "first");
        clock.advance(Duration.ofMillis(40));
        NodeJob second = submit(node, "second");
        clock.advance(Duration.ofMillis(60));
        finishNext(node, first);
        clock.advance(Duration.ofMillis(50));
        finishNext(node, second);

        Execution record = executions.get(1);
        assertThat(record.id()).isEqualTo("second");
        assertThat(record.node()).isZero();
        assertThat(record.address()).isEqualTo("test-node:1");
        assertThat(record.model()).isEqualTo(ModelCatalog.SD_1_5);
        assertThat(record.arrivedAtMs()).isEqualTo(1_000_040);
        assertThat(record.startedAtMs()).isEqualTo(1_000_100);
        assertThat(record.finishedAtMs()).isEqualTo(1_000_150);
        assertThat(record.steps()).isEqualTo(5);
        assertThat(node.stats().byModel().get(ModelCatalog.SD_1_5).queueMicros()).isEqualTo(60_000);
        assertThat(node.stats().byModel().get(ModelCatalog.SD_1_5).computeMicros()).isEqualTo(150_000);
        assertThat(node.stats().byModel().get(ModelCatalog.SD_1_5).success()).isEqualTo(2);
    }

    @Test
    void busyTimeAndEnergyFollowTheSlots() {
        EmulatedNode node = node(1);
        clock.advance(Duration.ofSeconds(2));
        NodeJob job = submit(node, "work");
        clock.advance(Duration.ofSeconds(3));
        finishNext(node, job);
        clock.advance(Duration.ofSeconds(5));

        GpuReading reading = node.gpu();

        assertThat(reading.busyNanos()).isCloseTo(3e9, within(1.0));
        assertThat(reading.energyJoules()).as("60 W x 10 s + 240 W x 3 s").isCloseTo(1320.0, within(1e-6));
        assertThat(reading.utilization()).as("3 busy seconds in the 10 s window").isCloseTo(0.3, within(1e-9));
        assertThat(reading.powerWatts()).isCloseTo(60 + 240 * 0.3, within(1e-9));
    }

    /** Lets the oldest execution's time pass and waits until its result (and the slot hand-over) happened. */
    private void finishNext(EmulatedNode node, NodeJob expected) {
        long completed = node.completedTotal();
        timer.finishOldest();
        expected.result().join();
        await().until(() -> node.completedTotal() == completed + 1 && timer.running() == node.busySlots());
    }

    private NodeJob submit(EmulatedNode node, String prompt) {
        return node.submit(prompt, request(prompt), false, node.now(), null);
    }

    private EmulatedNode node(int slots) {
        NodeSettings settings = new NodeSettings(slots, 1.0, Duration.ofMillis(10), 0, FaultPlan.NONE,
                new PowerModel(60, 300, 300), true);
        NodeRuntime runtime = new NodeRuntime(generator, timer, renderer, clock, Duration.ofSeconds(10),
                executions::add, new SafetyRunner(Optional.empty(), 1, 1));
        return new EmulatedNode(0, "test-node:1", settings, new ScriptedRandom(), runtime);
    }

    private static GenerationRequest request(String prompt) {
        return new GenerationRequest(ModelCatalog.find(ModelCatalog.SD_1_5).orElseThrow(), prompt, "", 3, 5, 256, 320);
    }
}
