package dev.heavyweight.balancer.grpc;

import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.messages.Lane;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The incoming call's deadline, cancellation and lane, captured on the thread that invoked the service method.
 * Quarkus' Mutiny server glue neither cancels the returned {@link Uni} when the caller goes away nor exposes the
 * deadline, but grpc-java's per-call {@link Context} carries both.
 */
final class CallerContext {

    static final String LANE_PARAMETER = "heavyweight_lane";

    private final Context context;

    private CallerContext(Context context) {
        this.context = context;
    }

    static CallerContext current() {
        return new CallerContext(Context.current());
    }

    /** The caller's deadline, or {@code fallback} from now when the caller set none. */
    Deadline deadlineOr(Duration fallback) {
        Deadline deadline = context.getDeadline();
        return deadline != null ? deadline : Deadline.after(fallback.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The request's lane: the {@code heavyweight-lane} metadata, else the {@code heavyweight_lane} string
     * parameter, else interactive. An unknown lane name is INVALID_ARGUMENT.
     */
    Lane lane(ModelInferRequest request) {
        String header = LaneInterceptor.LANE.get(context);
        if (header != null) {
            return parse(header, "metadata " + LaneInterceptor.HEADER);
        }
        InferParameter parameter = request.getParametersMap().get(LANE_PARAMETER);
        if (parameter != null) {
            return parse(parameter.getStringParam(), "parameter " + LANE_PARAMETER);
        }
        return Lane.INTERACTIVE;
    }

    /** {@code work}, cancelled as soon as the caller cancels or its deadline passes. */
    <T> Uni<T> cancelledWithCaller(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Cancellable subscription = work.subscribe().with(emitter::complete, emitter::fail);
            context.addListener(cancelled -> subscription.cancel(), Runnable::run);
            emitter.onTermination(subscription::cancel);
        });
    }

    private static Lane parse(String value, String field) {
        return Lane.fromName(value).orElseThrow(() -> Status.INVALID_ARGUMENT
                .withDescription(field + " must be interactive or batch, was '" + value + "'")
                .asRuntimeException());
    }
}
