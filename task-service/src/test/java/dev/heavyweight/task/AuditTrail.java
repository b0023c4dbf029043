package dev.heavyweight.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads {@code task_events} of the test database directly. */
final class AuditTrail {

    record Row(String from, String to, int attempt, String source, String eventType, String reason) {
    }

    private AuditTrail() {
    }

    static List<Row> of(String taskId) throws SQLException {
        try (Connection connection = Database.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT from_state, to_state, attempt, source, event_type, reason
                        FROM task_events WHERE task_id = ? ORDER BY id""")) {
            query.setObject(1, UUID.fromString(taskId));
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getInt(3),
                            result.getString(4), result.getString(5), result.getString(6)));
                }
            }
            return rows;
        }
    }
}
