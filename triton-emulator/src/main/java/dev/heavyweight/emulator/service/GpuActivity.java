package dev.heavyweight.emulator.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Accounts a node's busy slots over time: the running integral of busy slots gives busy time and energy
 * exactly, and the level changes within the last window give the utilisation DCGM would report for it.
 * It changes only when the number of busy slots does, so it costs nothing while a node idles or runs long
 * requests. Time is read under the lock, so readings and changes are ordered.
 */
final class GpuActivity {

    private final int slots;
    private final long windowNanos;
    private final long startNanos;
    private final PowerModel power;
    private final NodeClock clock;
    /** Busy-slot level changes, oldest first; the first is at or before the start of the window. */
    private final Deque<Change> changes = new ArrayDeque<>();

    GpuActivity(int slots, long windowNanos, PowerModel power, NodeClock clock) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("utilization window must be positive");
        }
        this.slots = slots;
        this.windowNanos = windowNanos;
        this.power = power;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        changes.addLast(new Change(startNanos, 0, 0));
    }

    /** Records that from now on, {@code busySlots} slots are busy. */
    synchronized void busySlots(int busySlots) {
        long now = clock.nanoTime();
        Change last = changes.peekLast();
        if (last.busySlots != busySlots) {
            changes.addLast(new Change(now, last.integralAt(now), busySlots));
            forgetBefore(now - windowNanos);
        }
    }

    synchronized GpuReading read() {
        long now = clock.nanoTime();
        forgetBefore(now - windowNanos);
        long busySlotNanos = changes.peekLast().integralAt(now);
        long from = Math.max(startNanos, now - windowNanos);
        double utilization = now > from
                ? (busySlotNanos - integralAt(from)) / ((double) slots * (now - from))
                : (double) changes.peekLast().busySlots / slots;
        double busyNanos = (double) busySlotNanos / slots;
        return new GpuReading(utilization, power.watts(utilization), power.joules(now - startNanos, busyNanos),
                busySlotNanos, busyNanos);
    }

    private long integralAt(long at) {
        Change before = changes.peekFirst();
        for (Change change : changes) {
            if (change.at > at) {
                break;
            }
            before = change;
        }
        return before.integralAt(at);
    }

    /** Drops the changes that no window can reach any more: all but the last one at or before {@code cutoff}. */
    private void forgetBefore(long cutoff) {
        while (changes.size() > 1) {
            Iterator<Change> oldestFirst = changes.iterator();
            oldestFirst.next();
            if (oldestFirst.next().at > cutoff) {
                return;
            }
            changes.pollFirst();
        }
    }

    /** From {@code at} on, {@code busySlots} were busy; {@code integral} busy slot-nanoseconds had accrued by then. */
    private record Change(long at, long integral, int busySlots) {

        long integralAt(long time) {
            return integral + busySlots * (time - at);
        }
    }
}
