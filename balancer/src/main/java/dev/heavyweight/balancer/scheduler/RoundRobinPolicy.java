package dev.heavyweight.balancer.scheduler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline (client-side DNS balancing): each request goes at once to the next node taking work, in order; each
 * slot pool keeps its own turn, so the stream of one model is spread evenly whatever the others do.
 */
public final class RoundRobinPolicy implements DispatchPolicy {

    private final Map<String, Rotation> rotations = new HashMap<>();

    @Override
    public boolean waitsForFreeSlot() {
        return false;
    }

    @Override
    public NodeState choose(List<NodeState> candidates, Ticket ticket) {
        return rotations.computeIfAbsent(ticket.pool(), pool -> new Rotation()).next(candidates);
    }
}
