package dev.heavyweight.balancer.service;

/** What node choice needs to know about a Triton node. */
public interface NodeView {

    String address();

    /** The last health poll found the node ready. */
    boolean ready();

    /** Requests forwarded to the node and not finished yet. */
    int inflight();
}
