package dev.heavyweight.balancer.scheduler;

/**
 * Told what became of a {@link Ticket}. Called outside the scheduler's lock, possibly on another thread
 * than the one that submitted it; the listener may call the scheduler again.
 */
public interface TicketListener {

    /** The ticket holds a slot on {@link Lease#node()}; release the lease exactly once when done. */
    void dispatched(Lease lease);

    void refused(Refusal refusal);
}
