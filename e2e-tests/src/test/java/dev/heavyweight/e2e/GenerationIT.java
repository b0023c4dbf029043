package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.testsupport.ServiceProcess;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Infrastructure;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** A prompt submitted at the gateway comes back as a PNG, having passed through every service. */
@ExtendWith(PlatformExtension.class)
class GenerationIT {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static GatewayClient gateway;
    private static Platform platform;

    @BeforeAll
    static void connect(Platform started) {
        platform = started;
        gateway = started.gateway();
    }

    @Test
    void promptBecomesAPngOfTheRequestedSizeStoredInS3() throws Exception {
        HttpResponse<String> accepted = gateway.submit("""
                {"prompt":"a lighthouse on a cliff at dawn, oil painting","width":384,"height":256,"steps":20,"seed":7}""");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = GatewayClient.parse(accepted.body());
        String id = body.get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).contains("/v1/generations/" + id);
        assertThat(body.get("status").asText()).isIn("accepted", "in_progress");

        JsonNode done = gateway.awaitFinal(id, FINISH);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("state").asText()).isEqualTo("succeeded");
        assertThat(done.get("image_url").asText()).isEqualTo("/v1/generations/" + id + "/image");
        // The image went through the real classifier (ONNX in the emulator, through the balancer) before it was stored.
        assertThat(done.get("timings").get("image_moderation_ms").asLong()).isPositive();
        assertThat(done.has("moderation")).isFalse();

        byte[] png = gateway.downloadImage(id);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodes as PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(384);
        assertThat(image.getHeight()).isEqualTo(256);

        try (S3Client s3 = platform.s3().client()) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(Platform.BUCKET).key("tenants/" + Platform.TENANT + "/tasks/" + id + ".png"));
            assertThat(head.contentLength()).isEqualTo(png.length);
            assertThat(head.contentType()).isEqualTo("image/png");
        }
    }

    @Test
    void samePromptAndSeedGiveIdenticalPngBytes() {
        String request = """
                {"prompt":"a red fox in fresh snow","seed":123456,"width":256,"height":256,"steps":10}""";
        String first = gateway.submitAccepted(request);
        String second = gateway.submitAccepted(request);
        assertThat(gateway.awaitFinal(first, FINISH).get("status").asText()).isEqualTo("succeeded");
        assertThat(gateway.awaitFinal(second, FINISH).get("status").asText()).isEqualTo("succeeded");

        assertThat(gateway.downloadImage(second)).isEqualTo(gateway.downloadImage(first));

        String other = gateway.submitAccepted("""
                {"prompt":"a blue whale under the ice","seed":123456,"width":256,"height":256,"steps":10}""");
        assertThat(gateway.awaitFinal(other, FINISH).get("status").asText()).isEqualTo("succeeded");
        assertThat(gateway.downloadImage(other)).isNotEqualTo(gateway.downloadImage(first));
    }

    @Test
    void bannedPromptEndsRejectedAndNoJobIsEverPublishedForIt() throws Exception {
        try (Connection connection = Infrastructure.rabbit(Platform.VHOST); Channel channel = connection.createChannel()) {
            // A spy queue receives a copy of every job either lane is sent from now on.
            String spy = channel.queueDeclare().getQueue();
            for (Lane lane : Lane.values()) {
                channel.queueBind(spy, Topology.JOBS_EXCHANGE, lane.routingKey());
            }

            String banned = gateway.submitAccepted("""
                    {"prompt":"a M.U.R.D.E.R scene, the neighbour's dog in a bloodbath"}""");
            JsonNode rejected = gateway.awaitFinal(banned, FINISH);
            assertThat(rejected.get("state").asText()).isEqualTo("rejected");
            assertThat(rejected.get("status").asText()).isEqualTo("failed");
            assertThat(rejected.get("reason").asText()).isEqualTo("prompt_blocked");
            assertThat(rejected.get("reason_detail").asText()).contains("violence").doesNotContain("neighbour");
            JsonNode moderation = rejected.get("moderation");
            assertThat(moderation.get("stage").asText()).isEqualTo("prompt");
            assertThat(moderation.get("engine").asText()).isEqualTo("lexicon");
            JsonNode violence = null;
            for (JsonNode topic : moderation.get("topics")) {
                if (topic.get("topic").asText().equals("violence")) {
                    violence = topic;
                }
            }
            assertThat(violence).as(moderation.toString()).isNotNull();
            assertThat(violence.get("flagged").asBoolean()).isTrue();
            assertThat(violence.get("assessed").asBoolean()).isTrue();
            assertThat(violence.get("score").asDouble()).isGreaterThanOrEqualTo(violence.get("threshold").asDouble());
            // Prompts are logged at DEBUG at most; the services run at INFO here.
            for (ServiceProcess process : platform.processes()) {
                assertThat(Files.readString(process.log())).as(process.name() + "'s log").doesNotContain("neighbour's dog");
            }

            // A later allowed task is published by the same publisher: once its job has reached the
            // spy, anything published before it would have too.
            String allowed = gateway.submitAccepted("""
                    {"prompt":"a quiet harbour with fishing boats","priority":"batch"}""");
            List<String> published = new ArrayList<>();
            await().atMost(FINISH).until(() -> {
                GetResponse message;
                while ((message = channel.basicGet(spy, true)) != null) {
                    published.add(GatewayClient.JSON.readValue(message.getBody(), JobMessage.class).taskId());
                }
                return published.contains(allowed);
            });
            assertThat(published).doesNotContain(banned);
            assertThat(gateway.awaitFinal(allowed, FINISH).get("status").asText()).isEqualTo("succeeded");
        }
    }

    @Test
    void interactiveAndBatchTasksBothComplete() {
        String interactive = gateway.submitAccepted("""
                {"prompt":"a paper boat on a puddle","priority":"interactive","steps":5}""");
        String batch = gateway.submitAccepted("""
                {"prompt":"a paper plane over a city","priority":"batch","steps":5}""");

        JsonNode first = gateway.awaitFinal(interactive, FINISH);
        JsonNode second = gateway.awaitFinal(batch, FINISH);
        assertThat(first.get("status").asText()).isEqualTo("succeeded");
        assertThat(first.get("priority").asText()).isEqualTo("interactive");
        assertThat(second.get("status").asText()).isEqualTo("succeeded");
        assertThat(second.get("priority").asText()).isEqualTo("batch");
        assertThat(gateway.downloadImage(batch)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Test
    void unknownIdIsANotFoundProblem() {
        for (String id : List.of(UUID.randomUUID().toString(), "no-such-task")) {
            HttpResponse<String> response = gateway.get("/v1/generations/" + id);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(GatewayClient.parse(response.body()).get("status").asInt()).isEqualTo(404);
        }
        assertThat(gateway.imageResponse(UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidRequestIsABadRequestProblemNamingTheField() {
        HttpResponse<String> response = gateway.submit("""
                {"prompt":"a castle","width":500}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("width");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

}
