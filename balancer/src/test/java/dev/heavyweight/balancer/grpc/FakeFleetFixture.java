package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.scheduler.SlotScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests against the fake Triton nodes share: a client of the running balancer, the nodes, and
 * a fleet reset to "every node ready and answering" before each test. Subclasses declare
 * {@code @WithTestResource(FakeTritonNodes.class)} (and their profile, if any).
 */
abstract class FakeFleetFixture {

    static BalancerChannel balancer;

    @FakeTritonNodes.Inject
    FakeTritonNodes nodes;

    final SlotScheduler scheduler;
    Fleet fleet;

    FakeFleetFixture(SlotScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @BeforeAll
    static void connect() {
        balancer = new BalancerChannel();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        balancer.close();
    }

    @BeforeEach
    void everyNodeReadyAndAnswering() throws Exception {
        fleet = new Fleet(nodes.all(), scheduler, balancer);
        fleet.reset();
    }
}
