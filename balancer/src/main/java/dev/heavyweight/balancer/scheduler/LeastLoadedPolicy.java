package dev.heavyweight.balancer.scheduler;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPU-aware policy: requests wait for a free slot, which goes to the node expected to finish first
 * (every candidate starts now, so the one with the smallest service-time estimate for the model), then
 * the one with fewer requests in flight in the ticket's slot pool, then fewer on the whole node (its GPU is
 * shared by every pool), then in turn within the pool.
 */
public final class LeastLoadedPolicy implements DispatchPolicy {

    private final Map<String, Rotation> rotations = new HashMap<>();

    @Override
    public boolean waitsForFreeSlot() {
        return true;
    }

    @Override
    public NodeState choose(List<NodeState> candidates, Ticket ticket) {
        Comparator<NodeState> byFinish = Comparator
                .<NodeState>comparingDouble(node -> node.expectedServiceNanos(ticket.model()))
                .thenComparingInt((NodeState node) -> node.inflight(ticket.pool()))
                .thenComparingInt(NodeState::inflight);
        NodeState best = candidates.stream().min(byFinish).orElseThrow();
        List<NodeState> fastest = candidates.stream().filter(node -> byFinish.compare(node, best) == 0).toList();
        return rotations.computeIfAbsent(ticket.pool(), pool -> new Rotation()).next(fastest);
    }
}
