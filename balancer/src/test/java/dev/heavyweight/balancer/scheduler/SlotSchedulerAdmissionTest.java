package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SD15;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SDXL;
import static org.assertj.core.api.Assertions.assertThat;

class SlotSchedulerAdmissionTest {

    private final SchedulerFixture fixture = new SchedulerFixture(new LeastLoadedPolicy(), 2);
    private final SlotScheduler scheduler = fixture.scheduler;

    @Test
    void requestsTakeFreeSlotsOnlyAndWaitForTheNextOneToFree() {
        fixture.readyNode("a", 1);
        fixture.readyNode("b", 2);

        List<Request> running = Stream.generate(fixture::submit).limit(3).toList();
        Request waiting = fixture.submit();

        assertThat(running).extracting(Request::node).containsExactlyInAnyOrder("a", "b", "b");
        assertThat(waiting.waiting()).isTrue();
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE)).isEqualTo(1);
        assertThat(fixture.node("a").inflight()).isEqualTo(1);
        assertThat(fixture.node("b").inflight()).isEqualTo(2);

        Request onB = running.stream().filter(r -> r.node().equals("b")).findFirst().orElseThrow();
        fixture.succeed(onB);

        assertThat(waiting.node()).isEqualTo("b");
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE)).isZero();
    }

    @Test
    void theNodeExpectedToFinishFirstGetsTheRequestLearnedPerModel() {
        fixture.readyNode("a", 1);
        fixture.readyNode("b", 1);
        Request first = fixture.submit();
        Request second = fixture.submit();
        assertThat(List.of(first.node(), second.node())).containsExactly("a", "b");
        fixture.finish(second, Duration.ofSeconds(1), Outcome.SUCCESS);
        fixture.finish(first, Duration.ofSeconds(3), Outcome.SUCCESS);
        assertThat(fixture.node("a").serviceSeconds()).containsEntry(SD15, 4.0).containsEntry(SDXL, 2.0);
        assertThat(fixture.node("b").serviceSeconds()).containsEntry(SD15, 1.0).containsEntry(SDXL, 2.0);

        Request sd15 = fixture.submit();
        Request sdxl = fixture.submit(SDXL, Lane.INTERACTIVE);
        assertThat(sd15.node()).isEqualTo("b");
        assertThat(sdxl.node()).isEqualTo("a");
        fixture.finish(sdxl, Duration.ofSeconds(1), Outcome.SUCCESS);
        fixture.finish(sd15, Duration.ofSeconds(5), Outcome.SUCCESS);
        assertThat(fixture.node("a").serviceSeconds()).containsEntry(SDXL, 1.0);
        assertThat(fixture.node("b").serviceSeconds()).containsEntry(SD15, 0.5 * 6 + 0.5 * 1);

        Request nextSdxl = fixture.submit(SDXL, Lane.INTERACTIVE);
        assertThat(nextSdxl.node()).isEqualTo("a");
        scheduler.release(nextSdxl.lease(), Outcome.CANCELLED);
        assertThat(fixture.submit().node()).isEqualTo("b");
        assertThat(fixture.node("a").serviceSeconds()).containsEntry(SDXL, 1.0);
    }

    @Test
    void equalEstimatesGoToFewerRequestsInFlightThenInTurn() {
        fixture.readyNode("a", 2);
        fixture.readyNode("b", 2);
        fixture.readyNode("c", 2);

        List<String> nodes = Stream.generate(fixture::submit).limit(5).map(Request::node).toList();

        assertThat(nodes).containsExactly("a", "b", "c", "a", "b");
    }

    @Test
    void interactiveRequestsGoBeforeBatch() {
        fixture.readyNode("a", 1);
        Request running = fixture.submit();
        Request batch = fixture.submit(SD15, Lane.BATCH);
        Request interactive = fixture.submit(SD15, Lane.INTERACTIVE);
        assertThat(scheduler.queueDepth(Lane.BATCH)).isEqualTo(1);
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE)).isEqualTo(1);

        fixture.succeed(running);
        assertThat(interactive.node()).isEqualTo("a");
        assertThat(batch.waiting()).isTrue();

        fixture.succeed(interactive);
        assertThat(batch.node()).isEqualTo("a");
    }

    @Test
    void withinALaneTheOldestGoesFirstAndInteractiveOvertakesEarlierBatch() {
        SchedulerFixture roomy = new SchedulerFixture(new LeastLoadedPolicy(), 10);
        roomy.readyNode("a", 1);
        Request running = roomy.submit();
        List<Request> waiting = List.of(roomy.submit(SD15, Lane.BATCH), roomy.submit(SD15, Lane.INTERACTIVE),
                roomy.submit(SD15, Lane.BATCH), roomy.submit(SD15, Lane.INTERACTIVE));
        List<Request> served = new ArrayList<>();

        Request current = running;
        for (int i = 0; i < waiting.size(); i++) {
            roomy.succeed(current);
            current = waiting.stream().filter(r -> r.node() != null && !served.contains(r)).findFirst().orElseThrow();
            served.add(current);
        }

        assertThat(served).containsExactly(waiting.get(1), waiting.get(3), waiting.get(0), waiting.get(2));
    }

    @Test
    void aWaitingRequestLeavesWhenItsDeadlinePasses() {
        fixture.readyNode("a", 1);
        fixture.submit();
        Request waiting = fixture.submit(SD15, Lane.BATCH, Duration.ofSeconds(1));

        fixture.clock.advance(Duration.ofMillis(999));
        scheduler.expireOverdue();
        assertThat(waiting.waiting()).isTrue();

        fixture.clock.advance(Duration.ofMillis(1));
        scheduler.expireOverdue();
        assertThat(waiting.refusal).isEqualTo(Refusal.DEADLINE_EXCEEDED);
        assertThat(scheduler.queueDepth(Lane.BATCH)).isZero();
        assertThat(fixture.submit(SD15, Lane.BATCH, Duration.ZERO).refusal).isEqualTo(Refusal.DEADLINE_EXCEEDED);
    }

    @Test
    void aFullQueueRefusesNewRequests() {
        fixture.readyNode("a", 1);
        fixture.submit();
        fixture.submit();
        fixture.submit(SD15, Lane.BATCH);

        Request refused = fixture.submit();

        assertThat(refused.refusal).isEqualTo(Refusal.QUEUE_FULL);
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE) + scheduler.queueDepth(Lane.BATCH)).isEqualTo(2);
    }

    @Test
    void aRetryKeepsItsPlaceSkipsItsFormerNodeAndReentersAFullQueue() {
        fixture.readyNode("a", 1);
        fixture.readyNode("b", 1);
        Request retried = fixture.submit();
        Request onB = fixture.submit();
        Request third = fixture.submit();
        Request fourth = fixture.submit();
        assertThat(retried.node()).isEqualTo("a");

        fixture.scheduler.release(retried.lease(), Outcome.NODE_FAILURE);
        assertThat(third.node()).isEqualTo("a");
        scheduler.submit(retried.ticket);
        assertThat(retried.refusal).isNull();
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE)).isEqualTo(2);

        fixture.succeed(third);
        assertThat(fourth.node()).isEqualTo("a");
        fixture.succeed(onB);
        assertThat(retried.node()).isEqualTo("b");
        assertThat(retried.lease().attempt()).isEqualTo(2);

        fixture.scheduler.release(retried.lease(), Outcome.NODE_FAILURE);
        scheduler.submit(retried.ticket);
        assertThat(retried.refusal).isEqualTo(Refusal.NO_NODE);
    }

    @Test
    void cancellingAWaitingRequestRemovesItAtOnce() {
        fixture.readyNode("a", 1);
        Request running = fixture.submit();
        Request cancelled = fixture.submit();

        assertThat(scheduler.cancel(cancelled.ticket)).isTrue();
        assertThat(scheduler.queueDepth(Lane.INTERACTIVE)).isZero();
        fixture.succeed(running);

        assertThat(cancelled.leases).isEmpty();
        assertThat(cancelled.refusal).isNull();
        assertThat(fixture.node("a").inflight()).isZero();
        assertThat(scheduler.cancel(running.ticket)).isFalse();
    }

    @Test
    void aModelNoNodeServesIsRefusedAtOnceAndUntrackedModelsGoAnywhere() {
        fixture.readyNode("a", 1, SD15);

        assertThat(fixture.submit(SDXL, Lane.INTERACTIVE).refusal).isEqualTo(Refusal.NO_NODE);
        assertThat(fixture.submit("some_other_model", Lane.INTERACTIVE).node()).isEqualTo("a");
    }

    @Test
    void aReleasedLeaseIsReleasedOnlyOnce() {
        fixture.readyNode("a", 2);
        Request first = fixture.submit();
        fixture.submit();

        fixture.succeed(first);
        fixture.succeed(first);

        assertThat(fixture.node("a").inflight()).isEqualTo(1);
    }
}
