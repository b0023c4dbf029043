package dev.heavyweight.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Metrics;
import dev.heavyweight.testsupport.platform.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transient failures are retried with backoff, exhausted and poison jobs end in the dead-letter queue. */
class FailureHandlingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Everything read from jobs.dead so far: each test looks for its own message in it. */
    private static final List<byte[]> DEAD_LETTERS = new CopyOnWriteArrayList<>();
    private static Platform platform;
    private static Runs runs;

    @BeforeAll
    static void start() {
        // One GPU, so a failing node cannot be avoided by the balancer's retry on another node.
        platform = Platform.builder("failures")
                .nodes(1)
                .stepTime(Duration.ofMillis(1))
                .config(Platform.TASKS, "heavyweight.task.max-attempts", "3")
                .config(Platform.TASKS, "heavyweight.task.retry-backoff", "100ms")
                .config(Platform.TASKS, "heavyweight.task.retry-backoff-max", "500ms")
                .start();
        runs = new Runs(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @AfterEach
    void healTheNode() throws Exception {
        faults("{}");
    }

    @Test
    void transientFailureIsRetriedAndTheTaskSucceedsOnALaterAttempt() throws Exception {
        faults("{\"fail_next\":1,\"status\":\"UNAVAILABLE\"}");
        String id = runs.gateway().submitAccepted("{\"prompt\":\"a windmill at dusk\",\"steps\":3}");

        JsonNode done = runs.gateway().awaitFinal(id, Duration.ofMinutes(1));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("attempt").asInt()).isEqualTo(2);
        assertThat(transitions(id)).contains("RUNNING->QUEUED", "QUEUED->RUNNING", "RUNNING->SUCCEEDED");
    }

    @Test
    void exhaustedRetriesEndFailedWithTheLastReasonAndDeadLetterTheJob() throws Exception {
        faults("{\"fail_rate\":1.0,\"status\":\"UNAVAILABLE\"}");
        String id = runs.gateway().submitAccepted("{\"prompt\":\"a lantern in the fog\",\"steps\":3}");

        JsonNode done = runs.gateway().awaitFinal(id, Duration.ofMinutes(1));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("failed");
        assertThat(done.get("reason").asText()).isEqualTo("inference_failed");
        assertThat(done.get("reason_detail").asText()).contains("UNAVAILABLE");
        assertThat(done.get("attempt").asInt()).isEqualTo(3);

        JobMessage dead = GatewayClient.JSON.readValue(awaitDeadLetter(id), JobMessage.class);
        assertThat(dead.taskId()).isEqualTo(id);
        assertThat(dead.attempt()).isEqualTo(3);
    }

    @Test
    void poisonMessageGoesStraightToTheDeadLetterQueueAndIsCounted() throws Exception {
        String worker = platform.httpUrl(Platform.worker(1));
        double invalidBefore = Metrics.sum(worker, "heavyweight_worker_jobs_total", "outcome=\"invalid\"");
        String marker = "poison-" + System.nanoTime();
        try (Connection connection = Infrastructure.rabbit(Platform.VHOST); Channel channel = connection.createChannel()) {
            channel.basicPublish(Topology.JOBS_EXCHANGE, Lane.BATCH.routingKey(),
                    new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json").build(),
                    ("{this is not a job " + marker).getBytes(StandardCharsets.UTF_8));
        }
        awaitDeadLetter(marker);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Metrics.sum(worker, "heavyweight_worker_jobs_total", "outcome=\"invalid\"") >= invalidBefore + 1);
    }

    private static byte[] awaitDeadLetter(String marker) {
        byte[][] found = new byte[1][];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection connection = Infrastructure.rabbit(Platform.VHOST); Channel channel = connection.createChannel()) {
                GetResponse message;
                while ((message = channel.basicGet(Topology.DEAD_QUEUE, true)) != null) {
                    DEAD_LETTERS.add(message.getBody());
                }
            }
            for (byte[] body : DEAD_LETTERS) {
                if (new String(body, StandardCharsets.UTF_8).contains(marker)) {
                    found[0] = body;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<String> transitions(String id) throws Exception {
        try (java.sql.Connection db = Infrastructure.database(Platform.DATABASE);
                PreparedStatement query = db.prepareStatement(
                        "SELECT from_state, to_state FROM task_events WHERE task_id = ?::uuid ORDER BY id")) {
            query.setString(1, id);
            List<String> steps = new java.util.ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString(1) + "->" + rows.getString(2));
                }
            }
            return steps;
        }
    }

    private static void faults(String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.httpUrl(Platform.EMULATOR) + "/admin/nodes/0/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
