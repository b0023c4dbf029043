package dev.heavyweight.task.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Brings a reactive flow back onto the Vert.x context it started on. Replies of outbound calls (gRPC,
 * broker confirms, timeouts) arrive on other threads, but a database session only works on its own
 * context; use with {@code emitOn} before touching the database again.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** An executor for the current Vert.x context, or a direct one when there is none. */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
