package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every call is owned by a tenant: another tenant cannot see, fetch, cancel, stream or rate a task. */
@ExtendWith(PlatformExtension.class)
class TenantIsolationIT {

    @Test
    void anotherTenantsTaskIsNotFoundEverywhere(Platform platform) throws Exception {
        GatewayClient owner = platform.gateway();
        GatewayClient stranger = platform.gateway(2, "stranger");
        String id = owner.submitAccepted("{\"prompt\":\"a jar of honey\",\"width\":256,\"height\":256,\"steps\":5}");
        assertThat(owner.awaitFinal(id, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("succeeded");

        String base = "/v1/generations/" + id;
        List<HttpResponse<?>> answers = List.of(
                stranger.get(base),
                stranger.imageResponse(id),
                stranger.post(base + "/cancel", null),
                stranger.post(base + "/feedback", "{\"rating\":1}"),
                stranger.get(base + "/events"));
        for (HttpResponse<?> answer : answers) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        JsonNode theirs = GatewayClient.parse(stranger.get("/v1/generations?limit=100").body());
        assertThat(theirs.get("data").findValuesAsText("id")).doesNotContain(id);
        JsonNode mine = GatewayClient.parse(owner.get("/v1/generations?limit=100").body());
        assertThat(mine.get("data").findValuesAsText("id")).contains(id);

        // The owner still can, and the feedback is stored.
        HttpResponse<String> feedback = owner.post(base + "/feedback", "{\"accepted\":true,\"rating\":5,\"comment\":\"lovely\"}");
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(200);
        assertThat(GatewayClient.parse(feedback.body()).get("rating").asInt()).isEqualTo(5);
    }

    @Test
    void callsWithoutAValidTokenAreUnauthorizedProblems(Platform platform) throws Exception {
        GatewayClient forged = new GatewayClient(platform.gatewayUrl(), "not.a.jwt");
        HttpResponse<String> bad = forged.get("/v1/generations");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        HttpResponse<String> none = forged.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/generations"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void controlCharactersInTextFieldsAreBadRequestsNamingTheField(Platform platform) {
        GatewayClient gateway = platform.gateway();
        for (String field : List.of("prompt", "negative_prompt")) {
            String body = field.equals("prompt")
                    ? "{\"prompt\":\"a cat\\u0000 on a mat\"}"
                    : "{\"prompt\":\"a cat on a mat\",\"negative_prompt\":\"blurry\\u0007\"}";
            HttpResponse<String> answer = gateway.submit(body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).contains("\"" + field + "\"");
        }
    }
}
