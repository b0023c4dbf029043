package dev.heavyweight.balancer.scheduler;

import java.util.List;

/** Baseline (client-side DNS balancing): each request goes at once to the next node taking work, in order. */
public final class RoundRobinPolicy implements DispatchPolicy {

    private final Rotation rotation = new Rotation();

    @Override
    public boolean waitsForFreeSlot() {
        return false;
    }

    @Override
    public NodeState choose(List<NodeState> candidates, Ticket ticket) {
        return rotation.next(candidates);
    }
}
