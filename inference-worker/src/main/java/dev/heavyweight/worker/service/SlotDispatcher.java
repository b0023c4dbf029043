package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.Lane;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Shares a fixed number of slots between the two lanes. Work waits for a slot in arrival order per
 * lane; whenever a slot is free, waiting interactive work gets it first, and batch work only while
 * fewer than {@code batchMaxSlots} batch jobs run. Because {@code batchMaxSlots < slots}, interactive
 * work always has at least one slot batch work cannot take.
 *
 * <p>Methods return the tickets that were granted a slot by that call; the caller starts them (outside
 * this object's lock) and calls {@link #release} once each granted ticket is done. Thread-safe.
 *
 * @param <T> what the caller needs to start a waiting piece of work
 */
public final class SlotDispatcher<T> {

    private final int slots;
    private final int batchMaxSlots;
    private final Map<Lane, Deque<T>> waiting = new EnumMap<>(Lane.class);
    private final Map<Lane, Integer> running = new EnumMap<>(Lane.class);

    public SlotDispatcher(int slots, int batchMaxSlots) {
        if (batchMaxSlots < 1 || batchMaxSlots >= slots) {
            throw new IllegalArgumentException("batch max-slots must be at least 1 and below slots (" + slots
                    + "), got " + batchMaxSlots);
        }
        this.slots = slots;
        this.batchMaxSlots = batchMaxSlots;
        for (Lane lane : Lane.values()) {
            waiting.put(lane, new ArrayDeque<>());
            running.put(lane, 0);
        }
    }

    /** Queues {@code ticket} behind the lane's waiting work; returns what may start now (possibly this ticket). */
    public synchronized List<T> submit(Lane lane, T ticket) {
        waiting.get(lane).addLast(ticket);
        return grantFreeSlots();
    }

    /** Frees one slot held by {@code lane}; returns the waiting work that takes it. */
    public synchronized List<T> release(Lane lane) {
        int held = running.get(lane);
        if (held == 0) {
            throw new IllegalStateException("no " + lane.routingKey() + " slot is held");
        }
        running.put(lane, held - 1);
        return grantFreeSlots();
    }

    /** Removes a ticket that is still waiting; false when it is not waiting (already granted, or unknown). */
    public synchronized boolean withdraw(Lane lane, T ticket) {
        return waiting.get(lane).remove(ticket);
    }

    /** Removes and returns every waiting ticket, interactive first. */
    public synchronized List<T> withdrawAll() {
        List<T> all = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            all.addAll(waiting.get(lane));
            waiting.get(lane).clear();
        }
        return all;
    }

    public synchronized int running(Lane lane) {
        return running.get(lane);
    }

    public synchronized int waiting(Lane lane) {
        return waiting.get(lane).size();
    }

    public int slots() {
        return slots;
    }

    public int batchMaxSlots() {
        return batchMaxSlots;
    }

    private List<T> grantFreeSlots() {
        List<T> granted = new ArrayList<>();
        while (runningTotal() < slots) {
            Lane next = nextLane();
            if (next == null) {
                break;
            }
            granted.add(waiting.get(next).removeFirst());
            running.merge(next, 1, Integer::sum);
        }
        return granted;
    }

    private Lane nextLane() {
        if (!waiting.get(Lane.INTERACTIVE).isEmpty()) {
            return Lane.INTERACTIVE;
        }
        if (!waiting.get(Lane.BATCH).isEmpty() && running.get(Lane.BATCH) < batchMaxSlots) {
            return Lane.BATCH;
        }
        return null;
    }

    private int runningTotal() {
        return running.values().stream().mapToInt(Integer::intValue).sum();
    }
}
