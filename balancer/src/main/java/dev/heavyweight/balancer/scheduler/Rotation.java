package dev.heavyweight.balancer.scheduler;

import java.util.List;

/** Round-robin over a changing set of nodes: the next node after the last one chosen, in node order. */
final class Rotation {

    private long last = -1;

    /** @param nodes non-empty, ascending {@link NodeState#order()} */
    NodeState next(List<NodeState> nodes) {
        NodeState chosen = nodes.stream().filter(node -> node.order() > last).findFirst().orElse(nodes.get(0));
        last = chosen.order();
        return chosen;
    }
}
