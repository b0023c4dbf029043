package dev.heavyweight.balancer.scheduler;

import java.util.Comparator;
import java.util.List;

/**
 * The GPU-aware policy: requests wait for a free slot, which goes to the node expected to finish first
 * (every candidate starts now, so the one with the smallest service-time estimate for the model), then
 * the one with fewer requests in flight, then in turn.
 */
public final class LeastLoadedPolicy implements DispatchPolicy {

    private final Rotation rotation = new Rotation();

    @Override
    public boolean waitsForFreeSlot() {
        return true;
    }

    @Override
    public NodeState choose(List<NodeState> candidates, Ticket ticket) {
        Comparator<NodeState> byFinish = Comparator
                .<NodeState>comparingDouble(node -> node.expectedServiceNanos(ticket.model()))
                .thenComparingInt(NodeState::inflight);
        NodeState best = candidates.stream().min(byFinish).orElseThrow();
        return rotation.next(candidates.stream().filter(node -> byFinish.compare(node, best) == 0).toList());
    }
}
