package dev.heavyweight.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) carried in AMQP message headers, so a
 * consumer continues the trace of whoever published the message, and stored as plain strings where a
 * trace must survive a database row (the outbox).
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, Object>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            // The RabbitMQ client hands string headers back as LongString.
            return value == null ? null : value.toString();
        }
    };

    private TraceHeaders() {
    }

    /**
     * {@code headers} plus the caller's current trace context; {@code headers} itself is not changed, and is
     * returned as it is outside a trace (no copy on the publish path then).
     */
    public static Map<String, Object> withCurrent(Map<String, Object> headers) {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return headers;
        }
        Map<String, Object> merged = headers == null ? new HashMap<>() : new HashMap<>(headers);
        PROPAGATOR.inject(context, merged, (carrier, key, value) -> carrier.put(key, value));
        return merged;
    }

    /** The trace context of {@code context} as header name to value (empty when there is no valid span). */
    public static Map<String, String> of(Context context) {
        Map<String, String> out = new HashMap<>();
        PROPAGATOR.inject(context, out, (carrier, key, value) -> carrier.put(key, value));
        return out;
    }

    /** The context a message (or stored row) with these headers continues; the root context when they carry none. */
    public static Context extract(Map<String, Object> headers) {
        return headers == null ? Context.root() : PROPAGATOR.extract(Context.root(), headers, GETTER);
    }

    /** The context continued by a stored {@code traceparent}/{@code tracestate} pair (either may be null). */
    public static Context extract(String traceparent, String tracestate) {
        Map<String, Object> headers = new HashMap<>();
        if (traceparent != null) {
            headers.put(TRACEPARENT, traceparent);
        }
        if (tracestate != null) {
            headers.put(TRACESTATE, tracestate);
        }
        return extract(headers);
    }
}
