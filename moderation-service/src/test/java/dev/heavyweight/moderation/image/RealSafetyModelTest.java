package dev.heavyweight.moderation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bytes the engine sends judged by the real safety model inside the fake balancer, against the golden vectors
 * of models/nsfw_mobilenet_v2/golden.json (probabilities the original tfjs model gives those pictures). A 224×224
 * PNG must arrive pixel for pixel (same SHA-256 as the golden input), so the verdict follows the model's own scores.
 */
@QuarkusTest
@WithTestResource(FakeBalancerResource.class)
class RealSafetyModelTest {

    private static OnnxSafetyModel model;
    private static JsonNode golden;

    FakeBalancer balancer;

    @BeforeAll
    static void load() throws Exception {
        model = new OnnxSafetyModel();
        golden = new ObjectMapper().readTree(Path.of("..", "models", "nsfw_mobilenet_v2", "golden.json").toFile());
    }

    @AfterAll
    static void unload() throws Exception {
        model.close();
    }

    @Test
    void hentaiLookingBlobsAreBlockedAndACheckerboardIsNot() throws Exception {
        balancer.answerWith(model::classify);

        ModerationVerdict blobs = judge("blobs-1", blobs(1, 6));
        ModerationVerdict checkerboard = judge("checkerboard", checkerboard());

        assertThat(blobs.getAllowed()).isFalse();
        assertThat(blobs.getCategoriesList()).containsExactly("sexual");
        assertThat(blobs.getDetail()).contains("Hentai");
        assertThat(checkerboard.getAllowed()).isTrue();
    }

    private ModerationVerdict judge(String name, byte[] rgb) throws Exception {
        JsonNode reference = null;
        for (JsonNode image : golden.get("images")) {
            if (image.get("name").asText().equals(name)) {
                reference = image;
            }
        }
        assertThat(sha256(rgb)).as("rebuilt %s", name).isEqualTo(reference.get("sha256").asText());
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            ModerationVerdict verdict = ModerationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .moderateImage(ModerateImageRequest.newBuilder().setTaskId(name).setLane("interactive")
                            .setPng(ByteString.copyFrom(png(rgb))).build());
            assertThat(sha256(balancer.lastRequest().getRawInputContents(0).toByteArray())).as("bytes sent for %s", name)
                    .isEqualTo(reference.get("sha256").asText());
            JsonNode p = reference.get("probabilities");
            double expected = Math.min(1, p.get(3).asDouble() + p.get(1).asDouble() + 0.5 * p.get(4).asDouble());
            double score = verdict.getTopicsList().stream().filter(t -> t.getTopic().equals("sexual")).findFirst()
                    .orElseThrow().getScore();
            assertThat(score).as("sexual score of %s", name).isCloseTo(expected, within(0.02));
            return verdict;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** golden.json's checkerboard: 28-pixel cells of 250 and 20 grey. */
    private static byte[] checkerboard() {
        return each((x, y) -> (x / 28 + y / 28) % 2 == 0 ? new int[] {250, 250, 250} : new int[] {20, 20, 20});
    }

    /** golden.json's "blobs": discs on a background, from models/tools/images.mjs's 32-bit LCG. */
    private static byte[] blobs(int seed, int count) {
        int[] state = {seed};
        IntSupplier next = () -> {
            state[0] = state[0] * 1664525 + 1013904223;
            return state[0] >>> 24;
        };
        int[] background = {next.getAsInt(), next.getAsInt(), next.getAsInt()};
        int[][] discs = new int[count][];
        for (int k = 0; k < count; k++) {
            discs[k] = new int[] {(next.getAsInt() * 224) >>> 8, (next.getAsInt() * 224) >>> 8,
                12 + next.getAsInt() % 60, next.getAsInt(), next.getAsInt(), next.getAsInt()};
        }
        return each((x, y) -> {
            int[] colour = background;
            for (int[] d : discs) {
                if ((x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= d[2] * d[2]) {
                    colour = new int[] {d[3], d[4], d[5]};
                }
            }
            return colour;
        });
    }

    private interface Pixel {
        int[] at(int x, int y);
    }

    private static byte[] each(Pixel pixel) {
        byte[] rgb = new byte[224 * 224 * 3];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int[] c = pixel.at(x, y);
                int i = (y * 224 + x) * 3;
                rgb[i] = (byte) c[0];
                rgb[i + 1] = (byte) c[1];
                rgb[i + 2] = (byte) c[2];
            }
        }
        return rgb;
    }

    private static byte[] png(byte[] rgb) throws Exception {
        BufferedImage image = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 224 * 224; i++) {
            image.setRGB(i % 224, i / 224, (rgb[i * 3] & 0xff) << 16 | (rgb[i * 3 + 1] & 0xff) << 8 | (rgb[i * 3 + 2] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
