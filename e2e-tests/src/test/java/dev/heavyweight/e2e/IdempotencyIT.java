package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency-Key through the real services: repeats make no second task, no second job, no second image. */
@ExtendWith(PlatformExtension.class)
class IdempotencyIT {

    private static final Duration FINISH = Duration.ofSeconds(60);

    @Test
    void aReplayReturnsTheOriginalTaskAndMakesNoSecondTaskOrJob(Platform platform) throws Exception {
        GatewayClient gateway = platform.gateway();
        String prompt = "a windmill at dusk " + UUID.randomUUID();
        String body = "{\"prompt\":\"" + prompt + "\",\"width\":256,\"height\":256,\"steps\":5}";
        String key = "order-" + UUID.randomUUID();
        try (JobSpy spy = new JobSpy()) {
            HttpResponse<String> original = gateway.submit(body, key);
            assertThat(original.statusCode()).as(original.body()).isEqualTo(202);
            assertThat(original.headers().firstValue("Idempotent-Replayed")).isEmpty();
            String id = GatewayClient.parse(original.body()).get("id").asText();
            assertThat(gateway.awaitFinal(id, FINISH).get("status").asText()).isEqualTo("succeeded");

            HttpResponse<String> replay = platform.gateway(2, Platform.TENANT).submit(body, key);
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(GatewayClient.parse(replay.body()).get("id").asText()).isEqualTo(id);
            assertThat(GatewayClient.parse(replay.body()).get("state").asText()).isEqualTo("succeeded");

            assertThat(Database.tasksWithPrompt(prompt)).isEqualTo(1);
            assertThat(spy.jobsOf(id)).isEqualTo(1);
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable(Platform platform) {
        GatewayClient gateway = platform.gateway();
        String key = "order-" + UUID.randomUUID();
        assertThat(gateway.submit("{\"prompt\":\"a green door\",\"steps\":5}", key).statusCode()).isEqualTo(202);

        HttpResponse<String> other = gateway.submit("{\"prompt\":\"a red door\",\"steps\":5}", key);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void keysBelongToTheirTenant(Platform platform) {
        String key = "shared-" + UUID.randomUUID();
        String body = "{\"prompt\":\"a blue bicycle\",\"steps\":5}";
        HttpResponse<String> mine = platform.gateway().submit(body, key);
        HttpResponse<String> theirs = platform.gateway(1, "other-tenant").submit(body, key);
        assertThat(mine.statusCode()).isEqualTo(202);
        assertThat(theirs.statusCode()).as("another tenant's key is another key").isEqualTo(202);
        assertThat(GatewayClient.parse(theirs.body()).get("id").asText())
                .isNotEqualTo(GatewayClient.parse(mine.body()).get("id").asText());
    }

    @Test
    void twentyConcurrentRepeatsOnTwoReplicasCreateExactlyOneTaskAndOneJob(Platform platform) throws Exception {
        String prompt = "a glass greenhouse " + UUID.randomUUID();
        String body = "{\"prompt\":\"" + prompt + "\",\"width\":256,\"height\":256,\"steps\":5}";
        String key = "burst-" + UUID.randomUUID();
        List<GatewayClient> gateways = List.of(platform.gateway(1, Platform.TENANT), platform.gateway(2, Platform.TENANT));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (JobSpy spy = new JobSpy()) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                GatewayClient gateway = gateways.get(i % 2);
                answers.add(pool.submit(() -> gateway.submit(body, key)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                statuses.add(response.statusCode());
                ids.add(GatewayClient.parse(response.body()).get("id").asText());
            }
            assertThat(statuses).containsOnly(202, 200);
            assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(Database.tasksWithPrompt(prompt)).isEqualTo(1);

            String id = ids.get(0);
            assertThat(platform.gateway().awaitFinal(id, FINISH).get("status").asText()).isEqualTo("succeeded");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> spy.jobsOf(id) == 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
