package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;

import java.util.ArrayList;
import java.util.List;

/** A request as a test drives it: its ticket, and the leases and refusal the scheduler gave it. */
final class Request implements TicketListener {

    final String name;
    final Ticket ticket;
    final List<Lease> leases = new ArrayList<>();
    Refusal refusal;

    Request(String name, String model, Lane lane, long deadline) {
        this.name = name;
        this.ticket = new Ticket(model, lane, deadline, this);
    }

    @Override
    public void dispatched(Lease lease) {
        leases.add(lease);
    }

    @Override
    public void refused(Refusal value) {
        refusal = value;
    }

    Lease lease() {
        return leases.isEmpty() ? null : leases.get(leases.size() - 1);
    }

    /** The node of the latest dispatch, or null while never dispatched. */
    String node() {
        Lease lease = lease();
        return lease == null ? null : lease.node();
    }

    boolean waiting() {
        return leases.isEmpty() && refusal == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
