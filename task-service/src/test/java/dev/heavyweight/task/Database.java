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

    static long taskCount(String tenant) throws SQLException {
        return count("SELECT count(*) FROM tasks WHERE tenant = ?", tenant);
    }

    /** Outbox rows of a tenant's tasks, by kind. */
    static long outboxCount(String tenant, String kind) throws SQLException {
        return count("SELECT count(*) FROM outbox o JOIN tasks t ON t.id = o.task_id WHERE t.tenant = ? AND o.kind = ?",
                tenant, kind);
    }

    /** The stored level of a tenant's token bucket and when it was last written, or null before first use. */
    static String bucket(String tenant) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT tokens || '@' || refilled_at FROM rate_buckets WHERE tenant = ?")) {
            query.setString(1, tenant);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    /** Makes an idempotency key look older than it is. */
    static void ageIdempotencyKey(String tenant, String key, Duration age) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE idempotency_keys SET created_at = now() - ? * interval '1 millisecond' "
                                + "WHERE tenant = ? AND key = ?")) {
            update.setLong(1, age.toMillis());
            update.setString(2, tenant);
            update.setString(3, key);
            update.executeUpdate();
        }
    }

    static long idempotencyKeys(String tenant) throws SQLException {
        return count("SELECT count(*) FROM idempotency_keys WHERE tenant = ?", tenant);
    }

    /** A task's feedback rows as "user:accepted:rating:comment", by user. */
    static List<String> feedback(String taskId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT user_id || ':' || coalesce(accepted::text, 'null') || ':' || coalesce(rating::text, 'null')
                               || ':' || coalesce(comment, 'null')
                        FROM task_feedback WHERE task_id = ? ORDER BY user_id""")) {
            query.setObject(1, UUID.fromString(taskId));
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    /** Makes a task's webhook rows look older than they are (the give-up clock starts at their creation). */
    static void ageWebhookRows(String taskId, Duration age) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE outbox SET created_at = now() - ? * interval '1 millisecond' "
                                + "WHERE task_id = ? AND kind = 'webhook'")) {
            update.setLong(1, age.toMillis());
            update.setObject(2, UUID.fromString(taskId));
            update.executeUpdate();
        }
    }

    static void setWebhookUrl(String taskId, String url) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement("UPDATE tasks SET webhook_url = ? WHERE id = ?")) {
            update.setString(1, url);
            update.setObject(2, UUID.fromString(taskId));
            update.executeUpdate();
        }
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
