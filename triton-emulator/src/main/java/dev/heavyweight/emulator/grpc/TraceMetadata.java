package dev.heavyweight.emulator.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Keeps the W3C {@code traceparent} a call came with, as Triton's OpenTelemetry tracing reads it from gRPC
 * metadata, so the executions record shows which trace each run on a node belonged to.
 */
final class TraceMetadata implements ServerInterceptor {

    static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> KEY = Context.key("traceparent");

    /** The calling request's traceparent, or null when it came without one. */
    static String current() {
        return KEY.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String traceparent = headers.get(TRACEPARENT);
        if (traceparent == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(KEY, traceparent), call, headers, next);
    }
}
