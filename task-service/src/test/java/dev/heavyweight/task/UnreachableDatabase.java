package dev.heavyweight.task;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service pointed at a port where no database listens (nothing is stopped or restarted): every query
 * meets a refused connection, as while PostgreSQL is down. Background work idles, so only rpcs ask.
 */
public class UnreachableDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/heavyweight_test",
                "quarkus.flyway.migrate-at-start", "false",
                "quarkus.flyway.clean-at-start", "false",
                "heavyweight.task.outbox.poll-interval", "1h",
                "heavyweight.task.expiry.interval", "1h",
                "heavyweight.task.idempotency.sweep-interval", "1h",
                "heavyweight.task.outbox.pending-refresh", "1h");
    }
}
