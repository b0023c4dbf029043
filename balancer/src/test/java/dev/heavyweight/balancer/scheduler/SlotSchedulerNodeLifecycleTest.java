package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SD15;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SDXL;
import static org.assertj.core.api.Assertions.assertThat;

class SlotSchedulerNodeLifecycleTest {

    private final SchedulerFixture fixture = new SchedulerFixture(new LeastLoadedPolicy(), 10);
    private final SlotScheduler scheduler = fixture.scheduler;

    @Test
    void aDrainingNodeGetsNoNewWorkAndFinishesWhatItRuns() {
        fixture.readyNode("a", 2);
        fixture.readyNode("b", 1);
        Request onA = fixture.submit();
        assertThat(onA.node()).isEqualTo("a");

        assertThat(scheduler.drain("a", true)).isTrue();
        List<Request> next = Stream.generate(fixture::submit).limit(3).toList();

        assertThat(fixture.node("a").state()).isEqualTo("draining");
        assertThat(next.get(0).node()).isEqualTo("b");
        assertThat(next.subList(1, 3)).allMatch(Request::waiting);
        fixture.succeed(onA);
        assertThat(fixture.node("a").inflight()).isZero();
        assertThat(next.get(1).waiting()).isTrue();

        assertThat(scheduler.drain("a", false)).isTrue();

        assertThat(fixture.node("a").state()).isEqualTo("ready");
        assertThat(next.get(1).node()).isEqualTo("a");
        assertThat(next.get(2).node()).isEqualTo("a");
        assertThat(scheduler.drain("nowhere", true)).isFalse();
    }

    @Test
    void aRemovedNodeLeavesOnceItsLastRequestFinished() {
        fixture.readyNode("a", 1);
        fixture.readyNode("b", 1);
        Request onA = fixture.submit();
        Request onB = fixture.submit();
        Request waiting = fixture.submit();

        scheduler.removeNode("a");
        assertThat(fixture.node("a").state()).isEqualTo("draining");
        fixture.succeed(onA);

        assertThat(scheduler.node("a")).isEmpty();
        assertThat(fixture.events.events).endsWith("a removed");
        assertThat(waiting.waiting()).isTrue();
        fixture.succeed(onB);
        assertThat(waiting.node()).isEqualTo("b");

        scheduler.removeNode("b");
        assertThat(fixture.node("b").inflight()).isEqualTo(1);
        scheduler.addNode("b", 1);
        fixture.succeed(waiting);
        assertThat(fixture.node("b").state()).isEqualTo("ready");
    }

    @Test
    void anIdleNodeIsRemovedAtOnce() {
        fixture.readyNode("a", 1);

        scheduler.removeNode("a");

        assertThat(scheduler.nodes()).isEmpty();
        assertThat(fixture.events.events).endsWith("a removed");
    }

    @Test
    void requestsOnlyALeavingNodeCouldServeAreRefused() {
        fixture.readyNode("a", 1, SD15, SDXL);
        fixture.readyNode("b", 1, SD15);
        fixture.submit(SD15, Lane.INTERACTIVE);
        fixture.submit(SD15, Lane.INTERACTIVE);
        Request xl = fixture.submit(SDXL, Lane.BATCH);
        Request anyNode = fixture.submit(SD15, Lane.BATCH);
        assertThat(xl.waiting()).isTrue();

        scheduler.removeNode("a");

        assertThat(xl.refusal).isEqualTo(Refusal.NO_NODE);
        assertThat(anyNode.waiting()).isTrue();
        assertThat(scheduler.nodes()).extracting(NodeSnapshot::state).containsExactly("draining", "ready");
    }
}
