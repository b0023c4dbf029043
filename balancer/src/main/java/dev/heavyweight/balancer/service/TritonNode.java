package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A Triton node as the balancer tracks it: its client, last known readiness and requests in flight. */
public final class TritonNode implements NodeView {

    private final TritonNodeClient client;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean ready;

    public TritonNode(TritonNodeClient client) {
        this.client = client;
    }

    public TritonNodeClient client() {
        return client;
    }

    @Override
    public String address() {
        return client.address();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    @Override
    public int inflight() {
        return inflight.get();
    }

    void acquire() {
        inflight.incrementAndGet();
    }

    void release() {
        inflight.decrementAndGet();
    }

    /** Claims the right to poll this node; false while an earlier poll is still out. */
    boolean startPoll() {
        return polling.compareAndSet(false, true);
    }

    void endPoll() {
        polling.set(false);
    }
}
