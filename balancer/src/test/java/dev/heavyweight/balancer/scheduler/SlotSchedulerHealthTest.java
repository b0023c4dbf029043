package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.heavyweight.balancer.scheduler.SchedulerFixture.READMIT_AFTER;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SD15;
import static org.assertj.core.api.Assertions.assertThat;

class SlotSchedulerHealthTest {

    private final SchedulerFixture fixture = new SchedulerFixture(new LeastLoadedPolicy(), 10);
    private final SlotScheduler scheduler = fixture.scheduler;

    @Test
    void aNewNodeTakesNoWorkUntilItsFirstGoodPoll() {
        scheduler.addNode("a", 1);
        assertThat(fixture.node("a").state()).isEqualTo("joining");
        assertThat(fixture.submit().refusal).isEqualTo(Refusal.NO_NODE);

        scheduler.pollSucceeded("a", Set.of(SD15));

        assertThat(fixture.node("a").state()).isEqualTo("ready");
        assertThat(fixture.submit().node()).isEqualTo("a");
        assertThat(fixture.events.events).containsExactly("a JOINING->READY");
    }

    @Test
    void consecutiveFailedPollsEjectANode() {
        fixture.readyNode("a", 1);
        fixture.failPolls("a", 2);
        scheduler.pollSucceeded("a", Set.of(SD15));
        fixture.failPolls("a", 2);
        assertThat(fixture.node("a").state()).isEqualTo("ready");

        scheduler.pollFailed("a");

        assertThat(fixture.node("a").state()).isEqualTo("ejected");
        assertThat(fixture.node("a").capacity()).isZero();
        assertThat(fixture.events.events).endsWith("a READY->EJECTED");
        assertThat(fixture.submit().refusal).isEqualTo(Refusal.NO_NODE);
    }

    @Test
    void consecutiveFailedRequestsEjectANodeWhileRequestErrorsDoNot() {
        fixture.readyNode("a", 4);
        Request[] requests = {fixture.submit(), fixture.submit(), fixture.submit(), fixture.submit()};
        fixture.readyNode("b", 1);
        scheduler.release(requests[0].lease(), Outcome.NODE_FAILURE);
        scheduler.release(requests[1].lease(), Outcome.NODE_FAILURE);
        scheduler.release(requests[2].lease(), Outcome.REQUEST_ERROR);
        assertThat(fixture.node("a").state()).isEqualTo("ready");

        scheduler.release(requests[3].lease(), Outcome.NODE_FAILURE);

        assertThat(fixture.node("a").state()).isEqualTo("ejected");
        assertThat(fixture.node("a").failed()).isEqualTo(4);
        assertThat(fixture.node("a").dispatched()).isEqualTo(4);
    }

    @Test
    void failedRequestsNeverEjectTheLastNodeTakingWork() {
        fixture.readyNode("a", 3);
        fixture.readyNode("b", 1);
        fixture.failPolls("b", 3);
        Request[] requests = {fixture.submit(), fixture.submit(), fixture.submit()};

        for (Request request : requests) {
            scheduler.release(request.lease(), Outcome.NODE_FAILURE);
        }

        assertThat(fixture.node("a").state()).isEqualTo("ready");
        assertThat(fixture.node("b").state()).isEqualTo("ejected");
    }

    @Test
    void anEjectedNodeComesBackOnOneSlotAndGetsAllAfterEnoughSuccesses() {
        fixture.readyNode("a", 2);
        fixture.failPolls("a", 3);
        Request early = fixture.submit();
        assertThat(early.refusal).isEqualTo(Refusal.NO_NODE);

        fixture.clock.advance(READMIT_AFTER.minusMillis(1));
        scheduler.pollSucceeded("a", Set.of(SD15));
        assertThat(fixture.node("a").state()).isEqualTo("ejected");
        fixture.clock.advance(Duration.ofMillis(1));
        scheduler.pollSucceeded("a", Set.of(SD15));

        assertThat(fixture.node("a").state()).isEqualTo("readmitting");
        assertThat(fixture.node("a").capacity()).isEqualTo(1);
        Request first = fixture.submit();
        Request second = fixture.submit();
        assertThat(first.node()).isEqualTo("a");
        assertThat(second.waiting()).isTrue();

        fixture.succeed(first);
        assertThat(second.node()).isEqualTo("a");
        Request third = fixture.submit();
        assertThat(third.waiting()).isTrue();
        fixture.succeed(second);

        assertThat(fixture.node("a").state()).isEqualTo("ready");
        assertThat(fixture.node("a").capacity()).isEqualTo(2);
        assertThat(third.node()).isEqualTo("a");
        assertThat(fixture.submit().node()).isEqualTo("a");
        assertThat(fixture.events.events)
                .containsSubsequence("a READY->EJECTED", "a EJECTED->READMITTING", "a READMITTING->READY");
    }

    @Test
    void aReadmittedNodeThatFailsAgainIsEjectedAtOnce() {
        fixture.readyNode("a", 1);
        fixture.failPolls("a", 3);
        fixture.readyNode("b", 1);
        assertThat(fixture.submit().node()).isEqualTo("b");
        fixture.clock.advance(READMIT_AFTER);
        scheduler.pollSucceeded("a", Set.of(SD15));
        Request probe = fixture.submit();
        assertThat(probe.node()).isEqualTo("a");

        scheduler.release(probe.lease(), Outcome.NODE_FAILURE);

        assertThat(fixture.node("a").state()).isEqualTo("ejected");
        fixture.clock.advance(READMIT_AFTER);
        scheduler.pollSucceeded("a", Set.of(SD15));
        assertThat(fixture.node("a").state()).isEqualTo("readmitting");
        scheduler.pollFailed("a");
        assertThat(fixture.node("a").state()).isEqualTo("ejected");
        assertThat(fixture.node("a").ejections()).as("ejected three times").isEqualTo(3);
        assertThat(fixture.node("b").ejections()).isZero();
    }

    @Test
    void waitingRequestsAreRefusedWhenTheLastNodeServingTheirModelIsEjected() {
        fixture.readyNode("a", 1);
        fixture.submit();
        Request waiting = fixture.submit(SD15, Lane.BATCH);

        fixture.failPolls("a", 3);

        assertThat(waiting.refusal).isEqualTo(Refusal.NO_NODE);
        assertThat(scheduler.queueDepth(Lane.BATCH)).isZero();
    }

    @Test
    void aModelThatTurnsNotReadyOnANodeGetsNoMoreRequestsThere() {
        fixture.readyNode("a", 1);
        fixture.readyNode("b", 1);

        scheduler.pollSucceeded("a", Set.of());

        assertThat(fixture.node("a").state()).isEqualTo("ready");
        assertThat(fixture.submit().node()).isEqualTo("b");
        assertThat(fixture.submit().waiting()).isTrue();
    }
}
