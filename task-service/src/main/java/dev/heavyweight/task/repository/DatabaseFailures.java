package dev.heavyweight.task.repository;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that cannot be reached (down, restarting, refusing or dropping connections, or too busy
 * to hand out a connection in time) from a request the database refused. The first is worth retrying
 * (UNAVAILABLE, the gateway's 503); the second is a bug or bad input and is never dressed up as an outage.
 */
public final class DatabaseFailures {

    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server is going down or not up yet. */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");
    /** SQLSTATE class 08: connection exceptions. */
    private static final String CONNECTION_CLASS = "08";
    /**
     * What the Vert.x SQL client says (as a bare NoStackTraceThrowable or VertxException, without a type of its
     * own) when a query meets a connection the server already closed.
     */
    private static final List<String> CLOSED_CONNECTION = List.of(
            "Connection is not active now", "connection has been closed");

    private DatabaseFailures() {
    }

    /** True when {@code failure} or one of its causes (Hibernate wraps them) says the database is unreachable. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // A transaction that fails and then cannot roll back reports both; the first is the one that counts.
            if (cause instanceof CompositeException composite && composite.getCauses().stream()
                    .anyMatch(DatabaseFailures::isUnavailable)) {
                return true;
            }
            if (cause instanceof DatabaseException database) {
                String state = database.getSqlState();
                if (state != null && (state.startsWith(CONNECTION_CLASS) || SHUTTING_DOWN.contains(state))) {
                    return true;
                }
            }
            if (cause instanceof ClosedConnectionException
                    || cause instanceof ConnectionPoolTooBusyException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof TimeoutException
                    // Sockets: connection refused or reset, no route, channel closed under the client.
                    || cause instanceof IOException) {
                return true;
            }
            if ((cause instanceof NoStackTraceThrowable || cause instanceof VertxException) && cause.getMessage() != null
                    && CLOSED_CONNECTION.stream().anyMatch(cause.getMessage()::contains)) {
                return true;
            }
        }
        return false;
    }
}
