package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Platform;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Image moderation through the whole suite, with one extra test topic that the emulator's abstract pictures
 * trigger: the safety model (ONNX, served by the emulator, reached through the balancer) scores every generated
 * image, and a flagged one ends REJECTED and is kept only under the quarantine prefix.
 */
@Order(1) // before the shared platform starts: see junit-platform.properties
class ImageModerationIT {

    private static final Duration FINISH = Duration.ofSeconds(90);
    /** Every emulator picture is abstract art: the model calls it Drawing or Neutral with high probability. */
    private static final String TOPIC = "abstract-art";
    private static Platform platform;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() {
        String prefix = "heavyweight.moderation.topics." + TOPIC + ".";
        platform = Platform.builder("image-moderation")
                .config(Platform.MODERATION, prefix + "threshold", "0.5")
                .config(Platform.MODERATION, prefix + "unassessed-action", "allow")
                .config(Platform.MODERATION, prefix + "image-classes.Drawing", "1.0")
                .config(Platform.MODERATION, prefix + "image-classes.Neutral", "1.0")
                .start();
        gateway = platform.gateway();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aFlaggedImageEndsRejectedAndNothingIsStoredUnderTheTenantsKey() {
        String id = gateway.submitAccepted("""
                {"prompt":"a lighthouse on a cliff at dawn","width":256,"height":256,"steps":10}""");

        JsonNode done = gateway.awaitFinal(id, FINISH);

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("rejected");
        assertThat(done.get("reason").asText()).isEqualTo("image_blocked");
        assertThat(done.get("reason_detail").asText()).contains(TOPIC).doesNotContain("lighthouse");
        assertThat(done.get("image_url").isNull()).isTrue();
        assertThat(done.get("timings").get("image_moderation_ms").asLong()).isPositive();
        JsonNode moderation = done.get("moderation");
        assertThat(moderation.get("stage").asText()).isEqualTo("image");
        assertThat(moderation.get("engine").asText()).isEqualTo("nsfw_mobilenet_v2");
        JsonNode flagged = topic(moderation, TOPIC);
        assertThat(flagged.get("flagged").asBoolean()).isTrue();
        assertThat(flagged.get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(topic(moderation, "sexual").get("assessed").asBoolean()).isTrue();
        assertThat(topic(moderation, "sexual").get("flagged").asBoolean()).isFalse();
        assertThat(topic(moderation, "violence").get("assessed").asBoolean()).isFalse();

        HttpResponse<byte[]> image = gateway.imageResponse(id);
        assertThat(image.statusCode()).isIn(404, 409);
        try (S3Client s3 = platform.s3().client()) {
            String tenantKey = "tenants/" + Platform.TENANT + "/tasks/" + id + ".png";
            Throwable missing = catchThrowable(() -> s3.headObject(b -> b.bucket(Platform.BUCKET).key(tenantKey)));
            assertThat(missing).isInstanceOf(NoSuchKeyException.class);
            List<String> keys = s3.listObjectsV2(b -> b.bucket(Platform.BUCKET)).contents().stream()
                    .map(S3Object::key).toList();
            assertThat(keys).contains("quarantine/" + tenantKey).doesNotContain(tenantKey);
        }
    }

    @Test
    void theClassifierJudgedTheImageNotAWordList() {
        // The same prompt is allowed at the prompt stage: the block comes from the image alone.
        String id = gateway.submitAccepted("""
                {"prompt":"a quiet harbour with fishing boats","width":256,"height":256,"steps":10,"priority":"batch"}""");

        JsonNode done = gateway.awaitFinal(id, FINISH);

        assertThat(done.get("reason").asText()).as(done.toString()).isEqualTo("image_blocked");
        assertThat(done.get("timings").get("moderation_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(done.get("timings").get("inference_ms").asLong()).isPositive();
    }

    private static JsonNode topic(JsonNode moderation, String name) {
        for (JsonNode topic : moderation.get("topics")) {
            if (topic.get("topic").asText().equals(name)) {
                return topic;
            }
        }
        throw new AssertionError("no topic " + name + " in " + moderation);
    }
}
