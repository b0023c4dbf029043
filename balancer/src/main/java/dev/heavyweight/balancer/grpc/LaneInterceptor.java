package dev.heavyweight.balancer.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Carries the caller's {@code heavyweight-lane} metadata into the call's {@link Context}, where the service reads it. */
@GlobalInterceptor
@ApplicationScoped
public class LaneInterceptor implements ServerInterceptor {

    static final String HEADER = "heavyweight-lane";
    static final Context.Key<String> LANE = Context.key(HEADER);

    private static final Metadata.Key<String> LANE_HEADER = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String lane = headers.get(LANE_HEADER);
        if (lane == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(LANE, lane), call, headers, next);
    }
}
