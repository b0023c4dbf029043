package dev.heavyweight.task;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with its relay and sweeper idle (they scan once at start, then hourly), so a test can work
 * on the outbox table as if it were one of several replicas.
 */
public class PausedBackgroundWork implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "heavyweight.task.outbox.poll-interval", "1h",
                "heavyweight.task.expiry.interval", "1h");
    }
}
