package dev.heavyweight.task;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Direct access to the test database: what an operator (or another replica) would see and do. */
final class Database {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/heavyweight_test";

    record OutboxRow(long id, String kind, int attempt, int tries, String lastError) {
    }

    private Database() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "postgres");
    }

    /** Waits until the relay owes nothing (so no job of an earlier test can still arrive on a lane). */
    static void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection connection = connect();
                    PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM outbox");
                    ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1) == 0;
            }
        });
    }

    static List<OutboxRow> outbox(String taskId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id, kind, attempt, tries, last_error FROM outbox WHERE task_id = ? ORDER BY id")) {
            query.setObject(1, UUID.fromString(taskId));
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutboxRow(result.getLong(1), result.getString(2), result.getInt(3), result.getInt(4),
                            result.getString(5)));
                }
            }
            return rows;
        }
    }

    static void setDeadline(String taskId, Instant deadline) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement("UPDATE tasks SET deadline_at = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(deadline));
            update.setObject(2, UUID.fromString(taskId));
            update.executeUpdate();
        }
    }

    /** A minimal ACCEPTED task row, for tests that work on the outbox table alone. */
    static UUID insertTask() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO tasks (id, tenant, state, lane, priority, model, prompt, width, height, steps, seed,
                                           created_at, updated_at, deadline_at)
                        VALUES (?, 'claim-test', 'ACCEPTED', 'interactive', 4, 'stable_diffusion_1_5', 'a cat', 512, 512,
                                50, 1, now(), now(), now() + interval '1 hour')""")) {
            insert.setObject(1, id);
            insert.executeUpdate();
        }
        return id;
    }

    static long insertOutbox(UUID taskId, String kind, Instant availableAt) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO outbox (task_id, kind, available_at, created_at) VALUES (?, ?, ?, now())
                        RETURNING id""")) {
            insert.setObject(1, taskId);
            insert.setString(2, kind);
            insert.setTimestamp(3, Timestamp.from(availableAt));
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Ends every other session on the test database, as a PostgreSQL restart does; returns how many. */
    static int dropAllConnections() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement terminate = connection.prepareStatement("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = 'heavyweight_test' AND pid <> pg_backend_pid()""");
                ResultSet result = terminate.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
