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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outages are answered honestly at the edge: while the database or task-service is away a submission
 * gets 503 with Retry-After (never 500 or 502), and a client that retries with its Idempotency-Key
 * ends with exactly one task per key.
 */
class SubmissionOutageIT {

    private static Platform platform;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() {
        platform = Platform.builder("submission-outages").stepTime(Duration.ofMillis(1)).start();
        gateway = platform.gateway();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void postgresStoppedDuringAStreamOfSubmissionsGives202Or503AndRetriedKeysMakeOneTaskEach() throws Exception {
        String run = UUID.randomUUID().toString();
        Map<String, Integer> firstAnswers = new ConcurrentHashMap<>();
        List<String> missingRetryAfter = new ArrayList<>();
        AtomicBoolean outageOver = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> streams = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            streams.add(pool.submit(() -> {
                // Each thread keeps submitting until the outage is over, then a few more.
                for (int i = 0; !outageOver.get() || i % 10 != 0; i++) {
                    String key = run + "-" + thread + "-" + i;
                    HttpResponse<String> answer = gateway.submit(body(key), key);
                    firstAnswers.put(key, answer.statusCode());
                    Thread.sleep(50);
                    if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isEmpty()) {
                        synchronized (missingRetryAfter) {
                            missingRetryAfter.add(key);
                        }
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1500);
        Infrastructure.stopPostgres();
        try {
            Thread.sleep(4000);
        } finally {
            Infrastructure.startPostgres();
        }
        outageOver.set(true);
        for (Future<?> stream : streams) {
            stream.get();
        }
        pool.shutdown();

        assertThat(firstAnswers.values()).as("every answer during the outage").containsOnly(202, 503);
        assertThat(firstAnswers.values()).as("the outage was seen at the edge").contains(503);
        assertThat(missingRetryAfter).as("503s without Retry-After").isEmpty();

        // The client retries each refused submission with its key, as a well-behaved client would.
        Map<String, String> idsByKey = new HashMap<>();
        for (Map.Entry<String, Integer> answer : firstAnswers.entrySet()) {
            String key = answer.getKey();
            HttpResponse<String> retried = gateway.submit(body(key), key);
            for (int attempt = 0; retried.statusCode() == 503 && attempt < 100; attempt++) {
                Thread.sleep(200);
                retried = gateway.submit(body(key), key);
            }
            assertThat(retried.statusCode()).as(key + ": " + retried.body()).isIn(200, 202);
            idsByKey.put(key, GatewayClient.parse(retried.body()).get("id").asText());
        }
        assertThat(tasksPerPrompt(run)).as("tasks stored per key").hasSize(firstAnswers.size())
                .allSatisfy((prompt, count) -> assertThat(count).as(prompt).isEqualTo(1));
        for (String id : idsByKey.values()) {
            assertThat(gateway.awaitFinal(id, Duration.ofMinutes(3)).get("state").asText()).isEqualTo("succeeded");
        }
    }

    @Test
    void taskServiceDownIsA503WithRetryAfterForSubmitsAndReads() throws Exception {
        String id = gateway.submitAccepted(body("before-" + UUID.randomUUID()));
        platform.process(Platform.TASKS).stop(Duration.ofSeconds(15));
        try {
            for (HttpResponse<String> answer : List.of(gateway.submit(body("during-" + UUID.randomUUID()), "k-" + UUID.randomUUID()),
                    gateway.get("/v1/generations/" + id), gateway.get("/v1/generations"))) {
                assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                JsonNode problem = GatewayClient.parse(answer.body());
                assertThat(problem.get("status").asInt()).isEqualTo(503);
            }
        } finally {
            platform.restart(Platform.TASKS);
        }
        // The gateway's channel reconnects on its own schedule: reads may still be 503 for a moment.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.get("/v1/generations/" + id).statusCode() == 200);
        assertThat(gateway.awaitFinal(id, Duration.ofMinutes(1)).get("state").asText()).isEqualTo("succeeded");
    }

    private static String body(String key) {
        return "{\"prompt\":\"outage " + key + "\",\"width\":256,\"height\":256,\"steps\":2}";
    }

    private static Map<String, Integer> tasksPerPrompt(String run) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement(
                        "SELECT prompt, count(*) FROM tasks WHERE prompt LIKE ? GROUP BY prompt")) {
            query.setString(1, "outage " + run + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }
}
