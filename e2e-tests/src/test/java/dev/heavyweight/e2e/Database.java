package dev.heavyweight.e2e;

import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Counts in the platform's own database, where the tests check what really happened. */
final class Database {

    private Database() {
    }

    /** Tasks stored with exactly this prompt (the tests make their prompts unique). */
    static int tasksWithPrompt(String prompt) throws SQLException {
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement("select count(*) from tasks where prompt = ?")) {
            query.setString(1, prompt);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
