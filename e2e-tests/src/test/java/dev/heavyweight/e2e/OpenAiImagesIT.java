package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAI-compatible images endpoint, called by the official {@code openai} npm SDK configured with
 * nothing but the gateway as base URL and the JWT as API key (e2e-tests/openai-client, installed by dev/test).
 */
@ExtendWith(PlatformExtension.class)
class OpenAiImagesIT {

    private static final Path CLIENT = Path.of("openai-client").toAbsolutePath();
    private static GatewayClient gateway;

    @BeforeAll
    static void connect(Platform platform) {
        gateway = platform.gateway();
        assertThat(CLIENT.resolve("node_modules/openai")).as("run dev/test (it installs the openai SDK)").isDirectory();
    }

    @Test
    void b64JsonDecodesToPngsOfTheRequestedSize() throws Exception {
        JsonNode answer = generate("""
                {"prompt":"a watercolour fox","n":2,"size":"256x256","response_format":"b64_json","user":"e2e-app-user"}""");
        assertThat(answer.get("ok").asBoolean()).as(answer.toString()).isTrue();
        JsonNode response = answer.get("response");
        assertThat(response.get("created").asLong()).isPositive();
        assertThat(response.get("data")).hasSize(2);
        for (JsonNode image : response.get("data")) {
            assertThat(image.has("revised_prompt")).isFalse();
            assertThat(image.has("url")).isFalse();
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.get("b64_json").asText())));
            assertThat(png).isNotNull();
            assertThat(png.getWidth()).isEqualTo(256);
            assertThat(png.getHeight()).isEqualTo(256);
        }
    }

    @Test
    void urlDownloadsThePng() throws Exception {
        JsonNode answer = generate("""
                {"prompt":"a paper lantern","size":"512x512","response_format":"url"}""");
        assertThat(answer.get("ok").asBoolean()).as(answer.toString()).isTrue();
        String url = answer.get("response").get("data").get(0).get("url").asText();
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(png.getWidth()).isEqualTo(512);
        assertThat(png.getHeight()).isEqualTo(512);
    }

    @Test
    void aBlockedPromptGetsOpenAisErrorEnvelope() throws Exception {
        JsonNode answer = generate("""
                {"prompt":"a massacre of the neighbour's dog","size":"256x256","response_format":"b64_json"}""");
        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("status").asInt()).isEqualTo(400);
        JsonNode error = answer.get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("content_policy_violation");
    }

    @Test
    void badInputIsAnInvalidRequestNamingTheParameter() throws Exception {
        JsonNode answer = generate("""
                {"prompt":"a paper lantern","n":9,"size":"256x256"}""");
        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("status").asInt()).isEqualTo(400);
        assertThat(answer.get("error").get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(answer.get("error").get("param").asText()).isEqualTo("n");
    }

    /** Runs the SDK script; its one line of JSON says what the SDK returned or raised. */
    private static JsonNode generate(String request) throws Exception {
        // Into a file, not a pipe: b64_json answers are larger than a pipe holds while we wait for the exit.
        Path output = Files.createTempFile("openai-sdk", ".json");
        try {
            Process node = new ProcessBuilder("node", CLIENT.resolve("images.mjs").toString(), gateway.baseUrl() + "/v1",
                    gateway.token(), request).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!node.waitFor(150, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("the openai SDK did not answer in time");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
            assertThat(node.exitValue()).as(printed).isZero();
            return GatewayClient.parse(printed.substring(printed.lastIndexOf('\n') + 1));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
