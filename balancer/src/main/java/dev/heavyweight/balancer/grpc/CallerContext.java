package dev.heavyweight.balancer.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The incoming call's deadline and cancellation, captured on the thread that invoked the service method.
 * Quarkus' Mutiny server glue neither cancels the returned {@link Uni} when the caller goes away nor
 * exposes the deadline, but grpc-java's per-call {@link Context} carries both.
 */
final class CallerContext {

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

    /** {@code work}, cancelled as soon as the caller cancels or its deadline passes. */
    <T> Uni<T> cancelledWithCaller(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Cancellable subscription = work.subscribe().with(emitter::complete, emitter::fail);
            context.addListener(cancelled -> subscription.cancel(), Runnable::run);
            emitter.onTermination(subscription::cancel);
        });
    }
}
