package dev.heavyweight.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the reliability tests do and check again and again: submit many, wait, count results. */
final class Runs {

    private final Platform platform;
    private final GatewayClient gateway;

    Runs(Platform platform) {
        this.platform = platform;
        this.gateway = platform.gateway();
    }

    GatewayClient gateway() {
        return gateway;
    }

    /**
     * Submits {@code count} tasks from several threads; a 503 (the platform says "try again") is retried
     * as a well-behaved client would. Returns the ids of the accepted tasks.
     */
    List<String> submit(int count, String priority, String prefix, int steps) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = "{\"prompt\":\"" + prefix + " " + i + " " + UUID.randomUUID()
                        + "\",\"width\":256,\"height\":256,\"steps\":" + steps + ",\"priority\":\"" + priority + "\"}";
                ids.add(pool.submit(() -> submitWithRetry(body)));
            }
            List<String> accepted = new ArrayList<>();
            for (Future<String> id : ids) {
                accepted.add(id.get());
            }
            return accepted;
        } finally {
            pool.shutdown();
        }
    }

    private String submitWithRetry(String body) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = gateway.submit(body);
            } catch (RuntimeException e) {
                response = null;
            }
            if (response != null && response.statusCode() == 202) {
                return GatewayClient.parse(response.body()).get("id").asText();
            }
            if (attempt > 600 || (response != null && response.statusCode() != 503)) {
                throw new AssertionError("submission refused: " + (response == null ? "no answer"
                        : response.statusCode() + " " + response.body()));
            }
            Thread.sleep(200);
        }
    }

    /** Waits until every task has ended; returns their final status documents by id. */
    Map<String, JsonNode> awaitAllFinal(Collection<String> ids, Duration timeout) {
        Map<String, JsonNode> finals = new HashMap<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            for (String id : ids) {
                if (!finals.containsKey(id)) {
                    JsonNode status = gateway.status(id);
                    String coarse = status.get("status").asText();
                    if (coarse.equals("succeeded") || coarse.equals("failed")) {
                        finals.put(id, status);
                    }
                }
            }
            return finals.size() == ids.size();
        });
        return finals;
    }

    /** Every task ended SUCCEEDED, with exactly one SUCCEEDED transition applied and one S3 object each. */
    void assertEachSucceededExactlyOnce(Map<String, JsonNode> finals) throws SQLException {
        List<String> notSucceeded = finals.values().stream()
                .filter(s -> !s.get("state").asText().equals("succeeded"))
                .map(JsonNode::toString).toList();
        assertThat(notSucceeded).as("tasks that did not succeed").isEmpty();
        assertThat(successTransitions(finals.keySet())).as("SUCCEEDED transitions per task")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        Set<String> keys = storedKeys();
        for (String id : finals.keySet()) {
            assertThat(keys).contains("tenants/" + Platform.TENANT + "/tasks/" + id + ".png");
        }
    }

    /** How many times each task's audit trail records entering SUCCEEDED. */
    Map<String, Integer> successTransitions(Collection<String> ids) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.put(id, 0));
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement(
                        "SELECT task_id::text, count(*) FROM task_events WHERE to_state = 'SUCCEEDED' GROUP BY task_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (counts.containsKey(rows.getString(1))) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Number of tasks per state, read from the system of record. */
    Map<String, Integer> tasksByState() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement("SELECT state, count(*) FROM tasks GROUP BY state");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    Set<String> storedKeys() {
        try (S3Client s3 = platform.s3().client()) {
            Set<String> keys = new HashSet<>();
            s3.listObjectsV2Paginator(b -> b.bucket(Platform.BUCKET).prefix("tenants/"))
                    .contents().forEach((S3Object o) -> keys.add(o.key()));
            return keys;
        }
    }

    static Instant instant(JsonNode status, String field) {
        JsonNode value = status.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

}
