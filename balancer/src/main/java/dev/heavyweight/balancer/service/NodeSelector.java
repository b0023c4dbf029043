package dev.heavyweight.balancer.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the node a request goes to: among ready nodes not tried yet, the one with the fewest requests in
 * flight. Ties rotate round-robin from the node after the last choice, so an idle cluster spreads load
 * instead of piling onto the first node.
 */
public final class NodeSelector {

    private int next;

    public synchronized <N extends NodeView> Optional<N> select(List<N> nodes, Set<String> excluded) {
        int size = nodes.size();
        N best = null;
        int bestIndex = -1;
        for (int offset = 0; offset < size; offset++) {
            int index = (next + offset) % size;
            N node = nodes.get(index);
            if (node.ready() && !excluded.contains(node.address())
                    && (best == null || node.inflight() < best.inflight())) {
                best = node;
                bestIndex = index;
            }
        }
        if (best != null) {
            next = (bestIndex + 1) % size;
        }
        return Optional.ofNullable(best);
    }
}
