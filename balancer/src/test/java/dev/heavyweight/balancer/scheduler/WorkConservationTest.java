package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SAFETY;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SD15;
import static dev.heavyweight.balancer.scheduler.SchedulerFixture.SDXL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A long random run of arrivals, completions, failures with retries, cancellations, deadlines, polls and
 * drains, with the safety model in a slot pool of its own. After every step no node may have a free slot in a
 * pool that a waiting request of that pool could use, and no pool may run more requests than it has slots.
 */
class WorkConservationTest {

    private static final List<String> MODELS = List.of(SD15, SD15, SDXL, SAFETY, SAFETY, "untracked_model");
    private static final Set<String> TRACKED = Set.of(SD15, SDXL, SAFETY);
    private static final Map<String, Set<String>> SERVES = Map.of(
            "a", Set.of(SD15, SDXL, SAFETY), "b", Set.of(SD15), "c", Set.of(SD15, SDXL, SAFETY), "d", Set.of(SDXL));
    private static final Map<String, Integer> SLOTS = Map.of("a", 1, "b", 2, "c", 3, "d", 1);
    private static final List<String> NODES = List.of("a", "b", "c", "d");

    private final Random random = new Random(20_240_611L);
    private final SchedulerFixture fixture = new SchedulerFixture(new LeastLoadedPolicy(), 40);
    private final SlotScheduler scheduler = fixture.scheduler;
    private final List<Request> open = new ArrayList<>();
    private int dispatchedFromQueue;
    private int maxDepth;

    @Test
    void noFreeSlotIdlesWhileARequestItCouldServeWaits() {
        NODES.forEach(node -> fixture.readyNode(node, SLOTS.get(node), SERVES.get(node).toArray(String[]::new)));

        for (int step = 0; step < 20_000; step++) {
            act(random.nextInt(100));
            assertWorkConserving(step);
        }

        assertThat(maxDepth).as("the run must have queued requests").isGreaterThan(10);
        assertThat(dispatchedFromQueue).as("and dispatched them from the queue").isGreaterThan(1000);
    }

    private void act(int dice) {
        if (dice < 40) {
            Lane lane = random.nextBoolean() ? Lane.INTERACTIVE : Lane.BATCH;
            String model = MODELS.get(random.nextInt(MODELS.size()));
            open.add(fixture.submit(model, lane, Duration.ofMillis(500 + random.nextInt(60_000))));
        } else if (dice < 75) {
            finishOne();
        } else if (dice < 85) {
            fixture.clock.advance(Duration.ofMillis(random.nextInt(3_000)));
            scheduler.expireOverdue();
        } else if (dice < 88) {
            List<Request> waiting = open.stream().filter(r -> r.ticket.stage() == Ticket.Stage.QUEUED).toList();
            if (!waiting.isEmpty()) {
                assertThat(scheduler.cancel(waiting.get(random.nextInt(waiting.size())).ticket)).isTrue();
            }
        } else if (dice < 95) {
            poll(NODES.get(random.nextInt(NODES.size())));
        } else {
            scheduler.drain(NODES.get(random.nextInt(NODES.size())), random.nextInt(3) == 0);
        }
        open.removeIf(r -> r.ticket.stage() == Ticket.Stage.DONE);
    }

    private void finishOne() {
        List<Request> running = open.stream().filter(r -> r.ticket.stage() == Ticket.Stage.RUNNING).toList();
        if (running.isEmpty()) {
            return;
        }
        Request request = running.get(random.nextInt(running.size()));
        int dice = random.nextInt(100);
        Outcome outcome = dice < 85 ? Outcome.SUCCESS : dice < 92 ? Outcome.NODE_FAILURE
                : dice < 96 ? Outcome.REQUEST_ERROR : Outcome.CANCELLED;
        int waitingBefore = waitingCount();
        scheduler.release(request.lease(), outcome);
        if (waitingCount() < waitingBefore) {
            dispatchedFromQueue++;
        }
        if (outcome == Outcome.NODE_FAILURE && random.nextBoolean()) {
            scheduler.submit(request.ticket);
        }
    }

    private void poll(String node) {
        int dice = random.nextInt(10);
        if (dice < 2) {
            scheduler.pollFailed(node);
        } else if (dice < 3) {
            scheduler.pollSucceeded(node, Set.of(SD15));
        } else {
            scheduler.pollSucceeded(node, SERVES.get(node));
        }
    }

    private int waitingCount() {
        return scheduler.waiting().size();
    }

    private void assertWorkConserving(int step) {
        List<Ticket> waiting = scheduler.waiting();
        maxDepth = Math.max(maxDepth, waiting.size());
        for (NodeSnapshot node : scheduler.nodes()) {
            node.pools().forEach((name, pool) -> {
                if (pool.inflight() > pool.slots()) {
                    fail("step %d: %s runs %d %s requests on %d slots", step, node.address(), pool.inflight(), name,
                            pool.slots());
                }
                if (pool.freeSlots() == 0) {
                    return;
                }
                for (Ticket ticket : waiting) {
                    boolean serves = !TRACKED.contains(ticket.model()) || node.readyModels().contains(ticket.model());
                    if (ticket.pool().equals(name) && serves && !ticket.triedOn(node.address())) {
                        fail("step %d: %s has %d free %s slots while a %s request for %s waits", step,
                                node.address(), pool.freeSlots(), name, ticket.lane(), ticket.model());
                    }
                }
            });
        }
    }
}
