package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-tenant submission limits held in the shared database: two gateway replicas (each with its own
 * task-service) together enforce one bucket, and another tenant is not affected.
 */
@ExtendWith(PlatformExtension.class)
class RateLimitIT {

    private static final String BODY = "{\"prompt\":\"a small boat\",\"width\":256,\"height\":256,\"steps\":2}";

    @Test
    void twoReplicasEnforceOneBucketWithACorrectRetryAfterAndOtherTenantsAreUnaffected(Platform platform)
            throws Exception {
        String tenant = PlatformExtension.TIGHT_TENANTS[0];
        List<GatewayClient> replicas = List.of(platform.gateway(1, tenant), platform.gateway(2, tenant));
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(replicas.get(i % 2).submit(BODY));
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        List<HttpResponse<String>> accepted = answers.stream().filter(a -> a.statusCode() == 202).toList();
        List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(accepted.size() + limited.size()).as("every answer is 202 or 429").isEqualTo(answers.size());
        // A full bucket plus what it refilled while the submissions ran: never one more.
        int allowed = PlatformExtension.TIGHT_BURST + (int) Math.floor(elapsedSeconds * PlatformExtension.TIGHT_RATE);
        assertThat(accepted.size()).isBetween(PlatformExtension.TIGHT_BURST, allowed);

        HttpResponse<String> refused = limited.get(0);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = GatewayClient.parse(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asText()).endsWith("rate-limited");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, (long) Math.ceil(1 / PlatformExtension.TIGHT_RATE));
        assertThat(refused.headers().firstValue("RateLimit-Limit")).contains(String.valueOf(PlatformExtension.TIGHT_BURST));
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(accepted.get(0).headers().firstValue("RateLimit-Remaining")).isPresent();

        // Another tenant of the same tier has its own bucket.
        GatewayClient neighbour = platform.gateway(2, PlatformExtension.TIGHT_TENANTS[1]);
        for (int i = 0; i < PlatformExtension.TIGHT_BURST; i++) {
            assertThat(neighbour.submit(BODY).statusCode()).isEqualTo(202);
        }

        // Retry-After is honest: after waiting it, the same tenant gets in again.
        HttpResponse<String> last = replicas.get(0).submit(BODY);
        if (last.statusCode() == 429) {
            Thread.sleep(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()) * 1000);
            assertThat(replicas.get(1).submit(BODY).statusCode()).isEqualTo(202);
        }
    }
}
