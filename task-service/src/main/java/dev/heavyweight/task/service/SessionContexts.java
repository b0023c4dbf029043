package dev.heavyweight.task.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;

/**
 * Contexts for background work that uses the database. A reactive session lives on a duplicated Vert.x
 * context that is marked safe, one session per context: each unit of work gets a fresh one.
 */
final class SessionContexts {

    private SessionContexts() {
    }

    /** A new safe duplicate of {@code base}; it runs on the same event-loop thread. */
    static Context fresh(Context base) {
        Context context = VertxContext.createNewDuplicatedContext(base);
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }
}
