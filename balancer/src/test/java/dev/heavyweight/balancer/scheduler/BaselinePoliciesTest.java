package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The baselines forward at once, whatever the slots: round-robin in node order, random uniformly. */
class BaselinePoliciesTest {

    @Test
    void roundRobinForwardsAtOnceInNodeOrderBeyondTheSlots() {
        SchedulerFixture fixture = new SchedulerFixture(new RoundRobinPolicy(), 10);
        List.of("a", "b", "c").forEach(node -> fixture.readyNode(node, 1));

        List<String> nodes = Stream.generate(fixture::submit).limit(7).map(Request::node).toList();

        assertThat(nodes).containsExactly("a", "b", "c", "a", "b", "c", "a");
        assertThat(fixture.scheduler.queueDepth(Lane.INTERACTIVE)).isZero();
        assertThat(fixture.node("a").inflight()).isEqualTo(3);
        assertThat(fixture.scheduler.waitsForFreeSlot()).isFalse();
    }

    @Test
    void roundRobinSkipsNodesThatTakeNoWork() {
        SchedulerFixture fixture = new SchedulerFixture(new RoundRobinPolicy(), 10);
        List.of("a", "b", "c").forEach(node -> fixture.readyNode(node, 1));
        fixture.failPolls("b", 3);

        List<String> nodes = Stream.generate(fixture::submit).limit(4).map(Request::node).toList();

        assertThat(nodes).containsExactly("a", "c", "a", "c");
    }

    @Test
    void randomSpreadsUniformlyOverNodesThatTakeWork() {
        SchedulerFixture fixture = new SchedulerFixture(new RandomPolicy(new Random(7)), 10);
        List.of("a", "b", "c", "d").forEach(node -> fixture.readyNode(node, 1));
        fixture.scheduler.drain("d", true);

        Map<String, Long> counts = Stream.generate(fixture::submit).limit(30_000)
                .collect(Collectors.groupingBy(Request::node, Collectors.counting()));

        assertThat(counts).containsOnlyKeys("a", "b", "c");
        counts.values().forEach(count -> assertThat(count.doubleValue()).isCloseTo(10_000, within(500.0)));
        assertThat(fixture.scheduler.queueDepth(Lane.INTERACTIVE)).isZero();
    }

    @Test
    void baselinesRefuseOnlyWhenNoNodeTakesWork() {
        for (DispatchPolicy policy : List.<DispatchPolicy>of(new RoundRobinPolicy(), new RandomPolicy(new Random(1)))) {
            SchedulerFixture fixture = new SchedulerFixture(policy, 0);
            fixture.readyNode("a", 1);
            assertThat(Stream.generate(fixture::submit).limit(3).map(Request::node))
                    .containsExactly("a", "a", "a");
            fixture.failPolls("a", 3);
            assertThat(fixture.submit().refusal).isEqualTo(Refusal.NO_NODE);
        }
    }

    @Test
    void leastLoadedWaitsForAFreeSlot() {
        assertThat(new LeastLoadedPolicy().waitsForFreeSlot()).isTrue();
        assertThat(Stream.of(PolicyName.values()).map(PolicyName::configName))
                .containsExactly("least-loaded", "round-robin", "random");
        assertThat(Stream.of(PolicyName.values()).collect(Collectors.toMap(Function.identity(),
                name -> name.create().waitsForFreeSlot())))
                .containsEntry(PolicyName.LEAST_LOADED, true)
                .containsEntry(PolicyName.ROUND_ROBIN, false)
                .containsEntry(PolicyName.RANDOM, false);
    }
}
