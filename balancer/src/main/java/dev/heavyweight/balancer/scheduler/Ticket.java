package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One inference request in the scheduler, across all its attempts. It keeps its place in line (its sequence)
 * when it re-enters after a failed attempt, and it is never dispatched twice to the same node.
 * Its mutable parts change only under the scheduler's lock.
 */
public final class Ticket {

    enum Stage { NEW, QUEUED, RUNNING, DONE }

    private final String model;
    private final Lane lane;
    private final long deadline;
    private final TicketListener listener;
    private final Set<String> tried = new LinkedHashSet<>();
    private String pool;
    private long sequence = -1;
    private long enteredAt;
    private Stage stage = Stage.NEW;
    private Lease lease;

    /** @param deadline on the scheduler's {@link Clock}, in nanoseconds */
    public Ticket(String model, Lane lane, long deadline, TicketListener listener) {
        this.model = model;
        this.lane = lane;
        this.deadline = deadline;
        this.listener = listener;
    }

    public String model() {
        return model;
    }

    public Lane lane() {
        return lane;
    }

    public long deadline() {
        return deadline;
    }

    /** The slot pool the scheduler assigned from the model; null before the ticket is first submitted. */
    String pool() {
        return pool;
    }

    void pool(String value) {
        pool = value;
    }

    TicketListener listener() {
        return listener;
    }

    long sequence() {
        return sequence;
    }

    boolean hasSequence() {
        return sequence >= 0;
    }

    void sequence(long value) {
        sequence = value;
    }

    boolean triedOn(String node) {
        return tried.contains(node);
    }

    Stage stage() {
        return stage;
    }

    Lease lease() {
        return lease;
    }

    void entered(long now) {
        enteredAt = now;
        stage = Stage.NEW;
        lease = null;
    }

    void queued() {
        stage = Stage.QUEUED;
    }

    Lease run(String node, long now) {
        tried.add(node);
        stage = Stage.RUNNING;
        lease = new Lease(this, node, tried.size(), now, now - enteredAt);
        return lease;
    }

    void done() {
        stage = Stage.DONE;
        lease = null;
    }
}
