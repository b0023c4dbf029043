package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;

import java.util.concurrent.atomic.AtomicBoolean;

/** A Triton node's connection and whether a health poll of it is out; its scheduling state lives in the scheduler. */
public final class TritonNode {

    private final TritonNodeClient client;
    private final AtomicBoolean polling = new AtomicBoolean();

    TritonNode(TritonNodeClient client) {
        this.client = client;
    }

    public TritonNodeClient client() {
        return client;
    }

    public String address() {
        return client.address();
    }

    /** Claims the right to poll this node; false while an earlier poll is still out. */
    boolean startPoll() {
        return polling.compareAndSet(false, true);
    }

    void endPoll() {
        polling.set(false);
    }
}
