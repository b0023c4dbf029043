package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * One trace per task, end to end: the W3C trace context of the submitting request reaches task-service, crosses
 * the outbox (a database row) and RabbitMQ (message headers) to the worker, goes on to the balancer and to the
 * node, and every log line about the task carries its trace id, task id and tenant. The services log the
 * production JSON format here, so the test reads the MDC fields a log pipeline would index.
 */
@Order(1) // before the shared platform starts: see junit-platform.properties
class TraceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> TRACED = List.of(Platform.GATEWAY, Platform.TASKS, Platform.worker(1),
            Platform.BALANCER);
    private static final String BODY = """
            {"prompt":"a lighthouse in fog","width":256,"height":256,"steps":5}""";

    private static Platform platform;

    @BeforeAll
    static void start() {
        Platform.Builder builder = Platform.builder("trace").workers(1);
        for (String service : List.of(Platform.GATEWAY, Platform.TASKS, "inference-worker", Platform.BALANCER)) {
            builder.config(service, "quarkus.log.console.json.enabled", "true")
                    .config(service, "quarkus.log.category.\"dev.heavyweight\".level", "DEBUG");
        }
        platform = builder.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theCallersTraceIdIsInEveryServicesLinesAboutTheTaskAndReachesTheNode() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-00";
        GatewayClient gateway = platform.gateway();
        HttpResponse<String> accepted = gateway.send(gateway.request("/v1/generations")
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = GatewayClient.parse(accepted.body()).get("id").asText();
        JsonNode done = gateway.awaitFinal(id, Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");

        for (String service : TRACED) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(linesAbout(service, id))
                    .as(service + " logs lines about task " + id).isNotEmpty());
            for (JsonNode line : linesAbout(service, id)) {
                JsonNode mdc = line.path("mdc");
                assertThat(mdc.path("traceId").asText()).as(service + ": " + line).isEqualTo(traceId);
            }
        }
        for (String service : List.of(Platform.GATEWAY, Platform.TASKS, Platform.worker(1))) {
            assertThat(linesAbout(service, id)).as(service).allSatisfy(line ->
                    assertThat(line.path("mdc").path("tenant").asText()).isEqualTo(Platform.TENANT));
        }
        assertThat(nodeTraceparents(id)).as("what the node saw").isNotEmpty()
                .allSatisfy(seen -> assertThat(seen).startsWith("00-" + traceId + "-"));
    }

    @Test
    void aRequestWithoutTraceContextStartsOneTraceThatEveryServiceContinues() {
        String id = platform.gateway().submitAccepted(BODY);
        JsonNode done = platform.gateway().awaitFinal(id, Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");

        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(Platform.GATEWAY, id).isEmpty());
        String traceId = linesAbout(Platform.GATEWAY, id).get(0).path("mdc").path("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
        for (String service : TRACED) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(service, id).isEmpty());
            assertThat(linesAbout(service, id)).as(service).allSatisfy(line ->
                    assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(traceId));
        }
        assertThat(nodeTraceparents(id)).isNotEmpty()
                .allSatisfy(seen -> assertThat(seen).startsWith("00-" + traceId + "-"));
    }

    /** The JSON log lines of {@code service} whose MDC names the task. */
    private static List<JsonNode> linesAbout(String service, String taskId) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(platform.process(service).log())) {
                if (!raw.startsWith("{") || !raw.contains(taskId)) {
                    continue;
                }
                JsonNode line = JSON.readTree(raw);
                if (taskId.equals(line.path("mdc").path("taskId").asText())) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * The traceparent of each generation run of the task on a node, from the emulator's executions record (the
     * emulator records it for generation models; its image safety model runs are not traced there).
     */
    private static List<String> nodeTraceparents(String taskId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    platform.httpUrl(Platform.EMULATOR) + "/admin/executions?since=0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> seen = new ArrayList<>();
            for (JsonNode execution : JSON.readTree(response.body()).path("executions")) {
                if (taskId.equals(execution.path("id").asText())
                        && "stable_diffusion_1_5".equals(execution.path("model").asText())) {
                    seen.add(execution.path("traceparent").asText(null));
                }
            }
            return seen;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
