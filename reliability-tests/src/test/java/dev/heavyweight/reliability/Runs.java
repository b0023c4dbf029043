package dev.heavyweight.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    /**
     * Every task ended SUCCEEDED exactly once, counted three ways that do not depend on each other: one
     * SUCCEEDED transition in the audit trail, one successful run on a GPU node (the emulator's own execution
     * record) and one write of its object (the S3 server's own request log). No duplicate run is allowed.
     */
    void assertEachSucceededExactlyOnce(Map<String, JsonNode> finals) throws Exception {
        assertEachSucceededExactlyOnce(finals, 0);
    }

    /**
     * As {@link #assertEachSucceededExactlyOnce(Map)}, but up to {@code duplicateRuns} tasks may have run on
     * a GPU twice: the one duplicate run the design allows, a worker that died after its node answered but
     * before the job was acknowledged (the redelivered job runs again; the emulator's image is a function of
     * the request, so both runs give the same bytes, and a task is written at most once per run).
     *
     * <p>Writes have one more known source: the S3 client repeats a PUT whose answer it did not get (the
     * server has already stored the object: it logs the same key twice within a fraction of a second, with
     * one pipeline run and no failure the worker saw). The repeat sends the same buffer, so the bytes are
     * identical. Seen once in about 500 writes; up to one such task per 100 (at least one) is accepted,
     * each written at most once more than it ran. A worker that stored a task's image twice per run would
     * show it for every task and fail.
     */
    void assertEachSucceededExactlyOnce(Map<String, JsonNode> finals, int duplicateRuns) throws Exception {
        List<String> notSucceeded = finals.values().stream()
                .filter(s -> !s.get("state").asText().equals("succeeded"))
                .map(JsonNode::toString).toList();
        assertThat(notSucceeded).as("tasks that did not succeed").isEmpty();
        assertThat(successTransitions(finals.keySet())).as("SUCCEEDED transitions per task")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        Set<String> keys = storedKeys();
        for (String id : finals.keySet()) {
            assertThat(keys).contains(keyOf(id));
        }
        Map<String, Integer> runs = successfulRuns();
        Map<String, Integer> writes = platform.s3().writesByKey(Platform.BUCKET);
        Map<String, String> ranTwice = new HashMap<>();
        Map<String, String> writtenAgain = new HashMap<>();
        for (String id : finals.keySet()) {
            int ran = runs.getOrDefault(id, 0);
            int written = writes.getOrDefault(keyOf(id), 0);
            assertThat(ran).as("successful GPU runs of task " + id).isBetween(1, duplicateRuns > 0 ? 2 : 1);
            assertThat(written).as("writes of the object of task " + id + " (ran " + ran + " times)")
                    .isBetween(1, ran + 1);
            if (ran > 1) {
                ranTwice.put(id, "ran " + ran + ", written " + written);
            }
            if (written > ran) {
                writtenAgain.put(id, "ran " + ran + ", written " + written);
            }
        }
        assertThat(ranTwice).as("tasks that ran twice on a GPU (at most " + duplicateRuns + " allowed here)")
                .hasSizeLessThanOrEqualTo(duplicateRuns);
        assertThat(writtenAgain).as("tasks written more often than they ran (S3 client repeats)")
                .hasSizeLessThanOrEqualTo(1 + finals.size() / 100);
    }

    private static String keyOf(String id) {
        return "tenants/" + Platform.TENANT + "/tasks/" + id + ".png";
    }

    /** Successful Stable Diffusion runs per task id, from the emulator's record of what its nodes executed. */
    Map<String, Integer> successfulRuns() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                        platform.httpUrl(Platform.EMULATOR) + "/admin/executions?since=0&model=stable_diffusion_1_5"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("emulator executions record").isEqualTo(200);
        JsonNode page = GatewayClient.parse(response.body());
        assertThat(page.path("complete").asBoolean()).as("the execution record kept every run").isTrue();
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode execution : page.path("executions")) {
            if ("ok".equalsIgnoreCase(execution.path("outcome").asText())) {
                counts.merge(execution.path("id").asText(), 1, Integer::sum);
            }
        }
        return counts;
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
