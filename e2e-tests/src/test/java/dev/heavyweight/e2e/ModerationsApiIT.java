package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** moderation-service's {@code POST /v1/moderations} answers in OpenAI's moderation shape, with the shipped engines. */
@ExtendWith(PlatformExtension.class)
class ModerationsApiIT {

    private static String url;

    @BeforeAll
    static void connect(Platform platform) {
        url = platform.httpUrl(Platform.MODERATION) + "/v1/moderations";
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersInOpenAisShapeWithOurFields() throws Exception {
        HttpResponse<String> response = post("""
                {"input":["a bloodbath in the street, gore everywhere","a watercolor of a killer whale at sea"]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = GatewayClient.parse(response.body());
        assertThat(body.get("id").asText()).startsWith("modr-");
        assertThat(body.get("model").asText()).isNotBlank();
        JsonNode harmful = body.get("results").get(0);
        JsonNode benign = body.get("results").get(1);
        assertThat(harmful.get("flagged").asBoolean()).isTrue();
        assertThat(harmful.get("categories").get("violence").asBoolean()).isTrue();
        assertThat(harmful.get("category_scores").get("violence").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(harmful.get("assessed").get("violence").asBoolean()).isTrue();
        assertThat(harmful.get("reason").asText()).isEqualTo("prompt_blocked");
        assertThat(harmful.get("engine").asText()).isNotBlank();
        assertThat(benign.get("flagged").asBoolean()).isFalse();
        assertThat(benign.get("categories").get("violence").asBoolean()).isFalse();
        for (String topic : new String[] {"sexual", "minors", "violence", "self-harm", "hate", "weapons", "drugs"}) {
            assertThat(benign.get("category_scores").has(topic)).as(topic).isTrue();
        }
    }

    @Test
    void badBodiesAreProblemDetails() throws Exception {
        for (String body : new String[] {"{}", "{\"input\":\"\"}", "{\"input\":[1,2]}", "{not json"}) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(GatewayClient.parse(response.body()).get("status").asInt()).isEqualTo(400);
        }
    }
}
