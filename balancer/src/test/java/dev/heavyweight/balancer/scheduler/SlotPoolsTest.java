package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.heavyweight.balancer.scheduler.SchedulerFixture.READMIT_AFTER;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SAFETY;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SAFETY_SLOTS;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SD15;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SDXL;
import static dev.heavyweight.balancer.scheduler.SchedulerSettings.SHARED_POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model with slots of its own (the safety classifier) runs beside Stable Diffusion: neither waits for the
 * other's slots or queue, its own slots are a hard limit, and a node failing in either pool is ejected.
 */
class SlotPoolsTest {

    private final SchedulerFixture fixture = new SchedulerFixture(new LeastLoadedPolicy(), 2);
    private final SlotScheduler scheduler = fixture.scheduler;

    @Test
    void aSafetyRequestRunsAtOnceWhileTheOnlyStableDiffusionSlotIsBusy() {
        fixture.readyNode("a", 1, SD15, SDXL, SAFETY);
        Request generating = fixture.submit();
        Request waitingGeneration = fixture.submit(SDXL, Lane.INTERACTIVE);

        Request verdict = fixture.submit(SAFETY, Lane.INTERACTIVE);

        assertThat(generating.node()).isEqualTo("a");
        assertThat(waitingGeneration.waiting()).isTrue();
        assertThat(verdict.node()).isEqualTo("a");
        assertThat(verdict.lease().waitedNanos()).isZero();
        assertThat(scheduler.queueDepth(SHARED_POOL, Lane.INTERACTIVE)).isEqualTo(1);
        assertThat(scheduler.queueDepth(SAFETY, Lane.INTERACTIVE)).isZero();
        assertThat(fixture.pool("a", SHARED_POOL).inflight()).isEqualTo(1);
        assertThat(fixture.pool("a", SAFETY).inflight()).isEqualTo(1);
        assertThat(fixture.node("a").inflight()).isEqualTo(1);
        assertThat(fixture.node("a").totalInflight()).isEqualTo(2);
    }

    @Test
    void theSafetySlotsAreALimitAndTheNextRequestWaitsForOneOfThemOnly() {
        fixture.readyNode("a", 1, SD15, SAFETY);
        Request generating = fixture.submit();
        List<Request> checks = Stream.generate(() -> fixture.submit(SAFETY, Lane.INTERACTIVE))
                .limit(SAFETY_SLOTS + 1).toList();

        assertThat(checks.subList(0, SAFETY_SLOTS)).extracting(Request::node).containsOnly("a");
        Request last = checks.get(SAFETY_SLOTS);
        assertThat(last.waiting()).isTrue();
        assertThat(scheduler.queueDepth(SAFETY, Lane.INTERACTIVE)).isEqualTo(1);
        assertThat(fixture.pool("a", SAFETY).freeSlots()).isZero();

        fixture.succeed(generating);
        assertThat(last.waiting()).as("a free Stable Diffusion slot is not a safety slot").isTrue();
        assertThat(fixture.submit().node()).isEqualTo("a");

        fixture.succeed(checks.get(0));
        assertThat(last.node()).isEqualTo("a");
        assertThat(scheduler.queueDepth(SAFETY, Lane.INTERACTIVE)).isZero();
    }

    @Test
    void stableDiffusionNeverWaitsForTheSafetyPool() {
        fixture.readyNode("a", 1, SD15, SAFETY);
        Stream.generate(() -> fixture.submit(SAFETY, Lane.BATCH)).limit(SAFETY_SLOTS + 1).toList();
        assertThat(scheduler.queueDepth(SAFETY, Lane.BATCH)).isEqualTo(1);

        assertThat(fixture.submit().node()).isEqualTo("a");
    }

    @Test
    void eachPoolHasItsOwnQueueBound() {
        fixture.readyNode("a", 1, SD15, SAFETY);
        fixture.submit();
        fixture.submit();
        fixture.submit();
        assertThat(fixture.submit().refusal).isEqualTo(Refusal.QUEUE_FULL);
        Stream.generate(() -> fixture.submit(SAFETY, Lane.INTERACTIVE)).limit(SAFETY_SLOTS).toList();

        Request check = fixture.submit(SAFETY, Lane.INTERACTIVE);

        assertThat(check.waiting()).as("a full Stable Diffusion queue does not refuse safety checks").isTrue();
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE)).isEqualTo(3);
    }

    @Test
    void insideTheSafetyPoolInteractiveGoesBeforeBatchAndDeadlinesHold() {
        SchedulerFixture roomy = new SchedulerFixture(new LeastLoadedPolicy(), 10);
        roomy.readyNode("a", 1, SD15, SAFETY);
        List<Request> running = Stream.generate(() -> roomy.submit(SAFETY, Lane.BATCH)).limit(SAFETY_SLOTS).toList();
        Request batch = roomy.submit(SAFETY, Lane.BATCH);
        Request expiring = roomy.submit(SAFETY, Lane.INTERACTIVE, Duration.ofSeconds(1));
        Request interactive = roomy.submit(SAFETY, Lane.INTERACTIVE);

        roomy.clock.advance(Duration.ofSeconds(1));
        roomy.scheduler.expireOverdue();
        assertThat(expiring.refusal).isEqualTo(Refusal.DEADLINE_EXCEEDED);

        roomy.succeed(running.get(0));
        assertThat(interactive.node()).isEqualTo("a");
        assertThat(batch.waiting()).isTrue();
        roomy.succeed(running.get(1));
        assertThat(batch.node()).isEqualTo("a");
    }

    @Test
    void aNodeWithoutTheSafetyModelStillGeneratesAndTheSchedulerStaysReady() {
        fixture.readyNode("b", 1, SD15, SDXL);

        assertThat(fixture.submit().node()).isEqualTo("b");
        assertThat(fixture.submit(SAFETY, Lane.INTERACTIVE).refusal).isEqualTo(Refusal.NO_NODE);
        assertThat(scheduler.ready()).isTrue();
        assertThat(scheduler.readyNodesByModel()).isEqualTo(Map.of(SD15, 1, SDXL, 1, SAFETY, 0));

        fixture.readyNode("a", 1, SAFETY);
        assertThat(fixture.submit(SAFETY, Lane.INTERACTIVE).node()).isEqualTo("a");
        assertThat(scheduler.readyNodesByModel()).isEqualTo(Map.of(SD15, 1, SDXL, 1, SAFETY, 1));
    }

    @Test
    void nodesServingOnlyTheSafetyModelDoNotMakeTheSchedulerReady() {
        fixture.readyNode("a", 1, SAFETY);

        assertThat(fixture.node("a").accepting()).isTrue();
        assertThat(scheduler.ready()).isFalse();
        assertThat(fixture.submit(SAFETY, Lane.INTERACTIVE).node()).isEqualTo("a");

        scheduler.pollSucceeded("a", Set.of(SAFETY, SDXL));
        assertThat(scheduler.ready()).isTrue();
    }

    @Test
    void safetyFailuresInARowEjectTheNodeThoughItsGenerationsSucceed() {
        fixture.readyNode("a", 2, SD15, SAFETY);
        fixture.readyNode("b", 1, SD15);
        for (int i = 0; i < 3; i++) {
            Request generation = fixture.submit();
            Request check = fixture.submit(SAFETY, Lane.INTERACTIVE);
            assertThat(List.of(generation.node(), check.node())).containsOnly("a");
            fixture.succeed(generation);
            scheduler.release(check.lease(), Outcome.NODE_FAILURE);
        }

        assertThat(fixture.node("a").state()).isEqualTo("ejected");
        assertThat(fixture.node("a").failed()).isEqualTo(3);
    }

    @Test
    void aReadmittedNodeGetsOneSlotInEveryPool() {
        fixture.readyNode("a", 2, SD15, SAFETY);
        fixture.failPolls("a", 3);
        fixture.clock.advance(READMIT_AFTER);
        scheduler.pollSucceeded("a", Set.of(SD15, SAFETY));

        assertThat(fixture.node("a").state()).isEqualTo("readmitting");
        assertThat(fixture.pool("a", SHARED_POOL).capacity()).isEqualTo(1);
        assertThat(fixture.pool("a", SAFETY).capacity()).isEqualTo(1);
        assertThat(fixture.pool("a", SAFETY).slots()).isEqualTo(SAFETY_SLOTS);
        assertThat(fixture.submit().node()).isEqualTo("a");
        assertThat(fixture.submit(SAFETY, Lane.INTERACTIVE).node()).isEqualTo("a");
        assertThat(fixture.submit(SAFETY, Lane.INTERACTIVE).waiting()).isTrue();
    }

    @Test
    void tiesInAPoolGoToFewerInFlightThereThenOnTheNode() {
        fixture.readyNode("a", 1, SD15, SAFETY);
        fixture.readyNode("b", 1, SD15, SAFETY);
        assertThat(fixture.submit().node()).isEqualTo("a");

        List<String> checks = Stream.generate(() -> fixture.submit(SAFETY, Lane.INTERACTIVE)).limit(3)
                .map(Request::node).toList();

        assertThat(checks).containsExactly("b", "a", "b");
    }

    @Test
    void roundRobinKeepsATurnPerPool() {
        SchedulerFixture baseline = new SchedulerFixture(new RoundRobinPolicy(), 10);
        List.of("a", "b", "c").forEach(node -> baseline.readyNode(node, 1, SD15, SAFETY));

        List<String> nodes = Stream.of(SD15, SAFETY, SD15, SAFETY, SD15, SAFETY)
                .map(model -> baseline.submit(model, Lane.INTERACTIVE).node()).toList();

        assertThat(nodes).containsExactly("a", "a", "b", "b", "c", "c");
    }

    @Test
    void settingsGiveEachListedModelItsOwnPool() {
        SchedulerSettings settings = new SchedulerSettings(10, 3, 0, 0, 0.5, 1,
                Set.of(SD15, SDXL, SAFETY, "shares_again"), Map.of(SAFETY, 4, "shares_again", 0, "untracked", 1));

        assertThat(settings.pools()).containsExactly(SHARED_POOL, SAFETY, "untracked");
        assertThat(settings.poolOf(SAFETY)).isEqualTo(SAFETY);
        assertThat(settings.poolOf(SD15)).isEqualTo(SHARED_POOL);
        assertThat(settings.poolOf("shares_again")).isEqualTo(SHARED_POOL);
        assertThat(settings.generationModels()).containsExactlyInAnyOrder(SD15, SDXL, "shares_again");
        assertThatThrownBy(() -> new SchedulerSettings(10, 3, 0, 0, 0.5, 1, Set.of(), Map.of(SAFETY, -1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchedulerSettings(10, 3, 0, 0, 0.5, 1, Set.of(), Map.of(SHARED_POOL, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
