package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Metrics;
import dev.heavyweight.testsupport.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The model contract gates readiness: the emulator declares {@code prompt} as {@code text} (a model repository
 * that changed under the platform), on one node or on all of them.
 */
@Order(1) // before the shared platform starts: see junit-platform.properties
class ModelContractIT {

    private static final String SD = "stable_diffusion_1_5";
    private static final String MISMATCH = "contract mismatch: input prompt: missing (node has: text, negative_prompt)";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aNodeWithARenamedInputStaysOutWhileTheOtherServesAndEveryoneIsReady() {
        try (Platform platform = Platform.builder("contract-one-node")
                .config(Platform.EMULATOR, "heavyweight.emulator.node.\"0\".renamed-tensors", "prompt:text")
                .start()) {
            Health balancer = health(platform, Platform.BALANCER);
            assertThat(balancer.status()).isEqualTo(200);
            Map<String, String> contracts = balancer.data("Triton nodes", "contract:");
            assertThat(contracts.entrySet()).filteredOn(e -> e.getKey().endsWith("/" + SD))
                    .extracting(Map.Entry::getValue).containsExactlyInAnyOrder(MISMATCH, "ok");
            assertThat(Metrics.sum(platform.httpUrl(Platform.BALANCER), "heavyweight_model_contract_ready",
                    "model=\"" + SD + "\"")).as("one node of two").isEqualTo(1.0);
            assertThat(Metrics.sum(platform.httpUrl(Platform.BALANCER), "heavyweight_model_contract_mismatches",
                    "model=\"" + SD + "\"")).isEqualTo(1.0);

            Health worker = health(platform, Platform.worker(1));
            assertThat(worker.status()).isEqualTo(200);
            assertThat(worker.data("model contract", "")).containsEntry(SD, "ok");
            assertThat(Metrics.sum(platform.httpUrl(Platform.worker(1)), "heavyweight_model_contract_ready",
                    "model=\"" + SD + "\"")).isEqualTo(1.0);

            String id = platform.gateway().submitAccepted("""
                    {"prompt":"a harbour at night","width":256,"height":256,"steps":5}""");
            JsonNode done = platform.gateway().awaitFinal(id, Duration.ofSeconds(60));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        }
    }

    @Test
    void aRenamedInputOnEveryNodeKeepsTheWorkerUnreadyAndItsReadinessSaysWhatDiffers() {
        try (Platform platform = Platform.builder("contract-all-nodes")
                .config(Platform.EMULATOR, "heavyweight.emulator.renamed-tensors", "prompt:text")
                .expectUnready(Platform.BALANCER, Platform.worker(1))
                .start()) {
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> MISMATCH.equals(health(platform, Platform.worker(1)).data("model contract", "").get(SD)));

            Health worker = health(platform, Platform.worker(1));
            assertThat(worker.status()).isEqualTo(503);
            assertThat(worker.json().get("status").asText()).isEqualTo("DOWN");
            String workerUrl = platform.httpUrl(Platform.worker(1));
            assertThat(Metrics.sum(workerUrl, "heavyweight_model_contract_ready", "model=\"" + SD + "\""))
                    .isEqualTo(0.0);
            assertThat(Metrics.sum(workerUrl, "heavyweight_model_contract_mismatches", "model=\"" + SD + "\""))
                    .isEqualTo(1.0);
            assertThat(log(platform, Platform.worker(1)))
                    .contains("model " + SD + " is not usable, the worker stays unready: " + MISMATCH);

            Health balancer = health(platform, Platform.BALANCER);
            assertThat(balancer.status()).isEqualTo(503);
            assertThat(balancer.data("Triton nodes", "contract:").entrySet())
                    .filteredOn(e -> e.getKey().endsWith("/" + SD))
                    .extracting(Map.Entry::getValue).containsExactly(MISMATCH, MISMATCH);
        }
    }

    /** A service's {@code /q/health/ready} answer. */
    private record Health(int status, JsonNode json) {

        /** The data of the named check whose keys start with {@code prefix}. */
        Map<String, String> data(String check, String prefix) {
            Map<String, String> data = new TreeMap<>();
            for (JsonNode node : json.path("checks")) {
                if (check.equals(node.path("name").asText())) {
                    node.path("data").fields().forEachRemaining(e -> {
                        if (e.getKey().startsWith(prefix)) {
                            data.put(e.getKey(), e.getValue().asText());
                        }
                    });
                }
            }
            return data;
        }
    }

    private static String log(Platform platform, String service) {
        try {
            return Files.readString(platform.process(service).log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Health health(Platform platform, String service) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(platform.httpUrl(service) + "/q/health/ready")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), GatewayClient.parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
