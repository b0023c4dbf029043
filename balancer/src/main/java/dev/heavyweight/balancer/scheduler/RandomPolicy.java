package dev.heavyweight.balancer.scheduler;

import java.util.List;
import java.util.random.RandomGenerator;

/** Baseline (what a Kubernetes Service does): each request goes at once to a node taking work, uniformly at random. */
public final class RandomPolicy implements DispatchPolicy {

    private final RandomGenerator random;

    public RandomPolicy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public boolean waitsForFreeSlot() {
        return false;
    }

    @Override
    public NodeState choose(List<NodeState> candidates, Ticket ticket) {
        return candidates.get(random.nextInt(candidates.size()));
    }
}
