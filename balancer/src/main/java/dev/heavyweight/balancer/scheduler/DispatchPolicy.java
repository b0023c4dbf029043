package dev.heavyweight.balancer.scheduler;

import java.util.List;

/** How the scheduler picks a node for a request. */
public interface DispatchPolicy {

    /**
     * True: a request waits in the admission queue until a node has a free slot. False: it goes at once to a
     * node taking work, however busy (the node queues it, as behind a Kubernetes Service).
     */
    boolean waitsForFreeSlot();

    /**
     * Picks one of {@code candidates}: nodes that take work, serve the model and were not tried for this
     * ticket, with a free slot in the ticket's pool when {@link #waitsForFreeSlot()}; never empty, in the order
     * nodes became known.
     */
    NodeState choose(List<NodeState> candidates, Ticket ticket);
}
