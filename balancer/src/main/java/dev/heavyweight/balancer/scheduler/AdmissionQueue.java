package dev.heavyweight.balancer.scheduler;

import dev.heavyweight.contracts.messages.Lane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Requests waiting for a slot of one pool: interactive before batch, oldest first within a lane. Bounded for new
 * requests; a request re-entering after a failed attempt is let back in even when full, since it already
 * held a place. Not thread-safe: used under the scheduler's lock.
 */
final class AdmissionQueue {

    private final int capacity;
    private final Map<Lane, TreeSet<Ticket>> lanes = new EnumMap<>(Lane.class);

    AdmissionQueue(int capacity) {
        this.capacity = capacity;
        for (Lane lane : Lane.values()) {
            lanes.put(lane, new TreeSet<>(Comparator.comparingLong(Ticket::sequence)));
        }
    }

    boolean full() {
        return size() >= capacity;
    }

    void add(Ticket ticket) {
        lanes.get(ticket.lane()).add(ticket);
    }

    boolean remove(Ticket ticket) {
        return lanes.get(ticket.lane()).remove(ticket);
    }

    int depth(Lane lane) {
        return lanes.get(lane).size();
    }

    int size() {
        return lanes.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** Every waiting ticket, in the order slots go to them. */
    List<Ticket> inOrder() {
        List<Ticket> all = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            all.addAll(lanes.get(lane));
        }
        return all;
    }
}
