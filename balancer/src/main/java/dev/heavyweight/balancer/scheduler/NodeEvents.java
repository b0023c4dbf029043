package dev.heavyweight.balancer.scheduler;

/** Node changes the world outside the scheduler reacts to; called outside the scheduler's lock. */
public interface NodeEvents {

    void healthChanged(String node, NodeHealth from, NodeHealth to);

    /** A node asked to leave has no request in flight any more and is gone from the scheduler. */
    void removed(String node);
}
