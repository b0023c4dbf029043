package dev.heavyweight.contracts.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The task a log line is about, in the logging MDC: {@code taskId} and {@code tenant}, next to the
 * {@code traceId}/{@code spanId} that Quarkus' OpenTelemetry puts there. On a Vert.x context Quarkus keeps the
 * MDC on that (duplicated) context, so one message's or request's values never leak into another's lines.
 * Where a line is written on some other thread (a callback, a slot freed by another request), {@link #debug}
 * sets all four from values the caller captured, and restores what was there.
 */
public final class TaskMdc {

    public static final String TASK_ID = "taskId";
    public static final String TENANT = "tenant";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    private static final String[] KEYS = {TASK_ID, TENANT, TRACE_ID, SPAN_ID};

    private TaskMdc() {
    }

    /** Marks the lines that follow on this context as being about this task ({@code tenant} may be null). */
    public static void put(Object taskId, String tenant) {
        putIfSet(TASK_ID, taskId == null ? null : taskId.toString());
        putIfSet(TENANT, tenant);
    }

    public static void clear() {
        MDC.remove(TASK_ID);
        MDC.remove(TENANT);
    }

    /** A DEBUG line about {@code taskId} in the trace {@code trace}, on whatever thread this runs. */
    public static void debug(Logger log, Context trace, String taskId, String tenant, String format, Object... args) {
        if (!log.isDebugEnabled()) {
            return;
        }
        SpanContext span = Span.fromContext(trace).getSpanContext();
        Object[] saved = new Object[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            saved[i] = MDC.get(KEYS[i]);
        }
        try {
            put(taskId, tenant);
            if (span.isValid()) {
                MDC.put(TRACE_ID, span.getTraceId());
                MDC.put(SPAN_ID, span.getSpanId());
            }
            log.debugf(format, args);
        } finally {
            for (int i = 0; i < KEYS.length; i++) {
                if (saved[i] == null) {
                    MDC.remove(KEYS[i]);
                } else {
                    MDC.put(KEYS[i], saved[i]);
                }
            }
        }
    }

    private static void putIfSet(String key, String value) {
        if (value != null && !value.isEmpty()) {
            MDC.put(key, value);
        }
    }
}
