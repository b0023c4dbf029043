package dev.heavyweight.emulator.service;

import dev.heavyweight.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent finished requests of every node, oldest first, bounded so a long benchmark cannot exhaust memory. */
@ApplicationScoped
public class ExecutionLog {

    /** Executions that finished at or after a time, and whether the log still holds all of them. */
    public record Page(List<Execution> executions, boolean complete) {
    }

    private final int capacity;
    private final Deque<Execution> entries = new ArrayDeque<>();
    private long latestDroppedFinishMs = Long.MIN_VALUE;

    @Inject
    public ExecutionLog(EmulatorConfig config) {
        this(config.executionsCapacity());
    }

    public ExecutionLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("heavyweight.emulator.executions-capacity must be at least 1, was "
                    + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(Execution execution) {
        if (entries.size() == capacity) {
            latestDroppedFinishMs = Math.max(latestDroppedFinishMs, entries.pollFirst().finishedAtMs());
        }
        entries.addLast(execution);
    }

    /** Executions that finished at or after {@code sinceMs}, in the order they finished. */
    public synchronized Page since(long sinceMs) {
        List<Execution> found = new ArrayList<>();
        for (Execution execution : entries) {
            if (execution.finishedAtMs() >= sinceMs) {
                found.add(execution);
            }
        }
        return new Page(found, latestDroppedFinishMs < sinceMs);
    }

    public synchronized void clear() {
        entries.clear();
        latestDroppedFinishMs = Long.MIN_VALUE;
    }

    public int capacity() {
        return capacity;
    }
}
