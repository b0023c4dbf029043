package dev.heavyweight.balancer.scheduler;

import java.util.ArrayList;
import java.util.List;

/** Node events as the scheduler reported them, in order. */
final class RecordedNodeEvents implements NodeEvents {

    final List<String> events = new ArrayList<>();

    @Override
    public void healthChanged(String node, NodeHealth from, NodeHealth to) {
        events.add(node + " " + from + "->" + to);
    }

    @Override
    public void removed(String node) {
        events.add(node + " removed");
    }
}
