package dev.heavyweight.emulator.service;

import io.grpc.Status;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's cumulative request counters the way Triton keeps them per model: successes, failures by reason,
 * and queue / compute / total durations in microseconds, added when a request completes. Batch size is
 * always 1, so inference and execution counts equal the success count.
 */
public final class NodeStats {

    /** Triton's failure reasons. */
    public enum FailureReason {
        REJECTED, CANCELED, BACKEND, OTHER;

        static FailureReason of(Status.Code code) {
            return switch (code) {
                case CANCELLED, DEADLINE_EXCEEDED -> CANCELED;
                case UNAVAILABLE, RESOURCE_EXHAUSTED, ABORTED -> REJECTED;
                case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS,
                        PERMISSION_DENIED, UNAUTHENTICATED, UNIMPLEMENTED -> OTHER;
                default -> BACKEND;
            };
        }
    }

    /** One model's counters. */
    public record ModelTotals(long success, Map<FailureReason, Long> failures, long requestMicros,
                              long queueMicros, long computeMicros) {
    }

    private final Map<String, Totals> byModel = new LinkedHashMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();

    /** Counters for these models, in this order; calls for other models count only in the outcomes. */
    NodeStats(List<String> models) {
        for (String model : models) {
            byModel.put(model, new Totals());
        }
    }

    synchronized void add(Execution execution) {
        outcomes.merge(execution.outcome(), 1L, Long::sum);
        Totals totals = byModel.get(execution.model());
        if (totals == null) {
            return;
        }
        if (execution.code() == Status.Code.OK) {
            totals.success++;
            totals.queueMicros += execution.queueMicros();
            totals.computeMicros += execution.computeMicros();
            totals.requestMicros += execution.queueMicros() + execution.computeMicros();
        } else {
            totals.failures.merge(FailureReason.of(execution.code()), 1L, Long::sum);
        }
    }

    /** Counters per served model, in the order given. */
    public synchronized Map<String, ModelTotals> byModel() {
        Map<String, ModelTotals> copy = new LinkedHashMap<>();
        byModel.forEach((model, t) -> copy.put(model, new ModelTotals(t.success, new EnumMap<>(t.failures),
                t.requestMicros, t.queueMicros, t.computeMicros)));
        return copy;
    }

    /** How many requests ended in each outcome ({@code ok}, {@code cancelled}, a status name). */
    public synchronized Map<String, Long> outcomes() {
        return new TreeMap<>(outcomes);
    }

    private static final class Totals {
        private long success;
        private final Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
        private long requestMicros;
        private long queueMicros;
        private long computeMicros;

        Totals() {
            for (FailureReason reason : FailureReason.values()) {
                failures.put(reason, 0L);
            }
        }
    }
}
