package dev.heavyweight.task.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier against failures the reactive client really raises (a refused connection, a backend the
 * server terminates, as a restart does) and against the server's own error codes; nothing is restarted.
 */
class DatabaseFailuresTest {

    private static final String DATABASE = "heavyweight_test";

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedConnectionIsUnavailableAlsoWhenHibernateWrapsIt() throws Exception {
        Throwable refused = failureOf(PgConnection.connect(vertx, options().setPort(1)));

        assertThat(DatabaseFailures.isUnavailable(refused)).as("%s", refused).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new HibernateException("could not open a session", refused))).isTrue();
    }

    @Test
    void aConnectionTheServerTerminatesIsUnavailable() throws Exception {
        PgConnection connection = await(PgConnection.connect(vertx, options()));
        int pid = connection.processId();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres",
                "postgres"); PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            terminate.setInt(1, pid);
            terminate.execute();
        }

        Throwable terminated = failureOf(connection.query("SELECT 1").execute());

        assertThat(DatabaseFailures.isUnavailable(terminated)).as("%s", terminated).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new HibernateException("query failed", terminated))).isTrue();
        // What a transaction reports when its connection was reset and its rollback then fails too.
        assertThat(DatabaseFailures.isUnavailable(new CompositeException(
                new IllegalStateException("HR000090: Live transaction detected while closing the connection"), terminated)))
                .isTrue();
    }

    @Test
    void theClientsOwnWordsForAClosedConnectionAreUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new VertxException(
                "Pending requests failed to be sent due to connection has been closed.", null))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new NoStackTraceThrowable("Invalid parameter"))).isFalse();
    }

    @Test
    void serverShutdownAndConnectionErrorCodesAreUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(pg("57P01", "terminating connection due to administrator command")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("57P02", "terminating connection due to crash of another server process")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("57P03", "the database system is starting up"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(pg("08006", "connection failure"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new HibernateException("wrapped", pg("08001", "cannot connect"))))
                .isTrue();
    }

    @Test
    void errorsOfTheRequestItselfAreNotOutages() throws Exception {
        PgConnection connection = await(PgConnection.connect(vertx, options()));
        try {
            Throwable badSql = failureOf(connection.query("SELECT * FROM no_such_table").execute());
            Throwable nul = failureOf(connection.query("SELECT E'a\\x00b'::text").execute());

            assertThat(DatabaseFailures.isUnavailable(badSql)).as("%s", badSql).isFalse();
            assertThat(DatabaseFailures.isUnavailable(nul)).as("%s", nul).isFalse();
        } finally {
            await(connection.close());
        }
        assertThat(DatabaseFailures.isUnavailable(pg("23505", "duplicate key value violates unique constraint"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new HibernateException("no such entity"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    private static PgConnectOptions options() {
        return new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(DATABASE).setUser("postgres")
                .setPassword("postgres");
    }

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
