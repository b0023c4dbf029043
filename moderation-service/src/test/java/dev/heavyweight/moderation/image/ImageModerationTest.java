package dev.heavyweight.moderation.image;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.TopicScore;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ModerateImage as the worker calls it, with the safety model answered by a fake balancer that records each call. */
@QuarkusTest
@WithTestResource(FakeBalancerResource.class)
class ImageModerationTest {

    FakeBalancer balancer;

    private ManagedChannel channel;
    private ModerationServiceGrpc.ModerationServiceBlockingStub moderation;

    @BeforeEach
    void connect() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        moderation = ModerationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        balancer.ready(true);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private ModerationVerdict moderate(byte[] png, String lane) {
        return moderation.moderateImage(ModerateImageRequest.newBuilder().setTenant("anonymous").setTaskId("task-7")
                .setPng(ByteString.copyFrom(png)).setLane(lane).build());
    }

    @Test
    void theImageReachesTheModelAs224SquareRgbOfItsColourWithTheTasksLane() {
        balancer.answer(0.05f, 0.01f, 0.92f, 0.01f, 0.01f);

        ModerationVerdict verdict = moderate(solid(640, 360, new Color(200, 30, 90)), "batch");

        ModelInferRequest request = balancer.lastRequest();
        assertThat(request.getModelName()).isEqualTo("nsfw_mobilenet_v2");
        assertThat(request.getId()).isEqualTo("task-7");
        assertThat(request.getInputsList()).singleElement().satisfies(input -> {
            assertThat(input.getName()).isEqualTo("image");
            assertThat(input.getDatatype()).isEqualTo("UINT8");
            assertThat(input.getShapeList()).containsExactly(1L, 224L, 224L, 3L);
            assertThat(input.hasContents()).isFalse();
        });
        assertThat(request.getOutputsList()).extracting(o -> o.getName()).containsExactly("probabilities");
        byte[] rgb = request.getRawInputContents(0).toByteArray();
        assertThat(rgb).hasSize(224 * 224 * 3);
        for (int i = 0; i < rgb.length; i += 3) {
            assertThat(new int[] {rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff}).as("pixel %d", i / 3)
                    .containsExactly(200, 30, 90);
        }
        assertThat(balancer.lastLane()).isEqualTo("batch");

        assertThat(verdict.getAllowed()).isTrue();
        assertThat(verdict.getStage()).isEqualTo("image");
        assertThat(verdict.getStagesList()).extracting(s -> s.getStage()).containsExactly("nsfw_mobilenet_v2");
        TopicScore sexual = topic(verdict, "sexual");
        assertThat(sexual.getAssessed()).isTrue();
        assertThat(sexual.getScore()).isCloseTo(0.01 + 0.01 + 0.5 * 0.01, within(1e-6));
        assertThat(sexual.getEngine()).isEqualTo("nsfw_mobilenet_v2");
        assertThat(topic(verdict, "violence").getAssessed()).isFalse();
    }

    @Test
    void withoutALaneTheBalancersDefaultApplies() {
        balancer.answer(0.05f, 0.01f, 0.92f, 0.01f, 0.01f);

        moderate(solid(64, 64, Color.WHITE), "");

        assertThat(balancer.lastLane()).isNull();
    }

    @Test
    void classWeightsDecideAgainstTheThreshold() {
        balancer.answer(0.05f, 0.05f, 0.1f, 0.6f, 0.2f);
        ModerationVerdict porn = moderate(solid(32, 32, Color.GRAY), "interactive");

        assertThat(porn.getAllowed()).isFalse();
        assertThat(porn.getReason()).isEqualTo("image_blocked");
        assertThat(porn.getCategoriesList()).containsExactly("sexual");
        assertThat(porn.getEngine()).isEqualTo("nsfw_mobilenet_v2");
        assertThat(porn.getDetail()).contains("sexual").contains("Porn 0.60");
        assertThat(topic(porn, "sexual").getScore()).isCloseTo(0.05 + 0.6 + 0.1, within(1e-6));

        // Sexy weighs 0.5: 0.9 of it alone stays under the 0.5 threshold.
        balancer.answer(0.02f, 0.0f, 0.08f, 0.0f, 0.9f);
        ModerationVerdict sexy = moderate(solid(32, 32, Color.GRAY), "interactive");

        assertThat(sexy.getAllowed()).isTrue();
        assertThat(topic(sexy, "sexual").getScore()).isCloseTo(0.45, within(1e-6));
    }

    @Test
    void theAnswersClassNamesWinOverTheConfiguredOrder() {
        balancer.answer(0.9f, 0.02f, 0.02f, 0.03f, 0.03f);
        balancer.namingClasses("Porn,Drawing,Hentai,Neutral,Sexy");

        ModerationVerdict verdict = moderate(solid(32, 32, Color.GRAY), "interactive");

        assertThat(verdict.getAllowed()).isFalse();
        assertThat(topic(verdict, "sexual").getScore()).isCloseTo(0.9 + 0.02 + 0.5 * 0.03, within(1e-6));
    }

    @Test
    void aFailingOrConfusedBalancerMeansNoVerdict() {
        for (Status status : new Status[] {Status.UNAVAILABLE.withDescription("no node"),
            Status.INVALID_ARGUMENT.withDescription("bad tensor"), Status.NOT_FOUND.withDescription("unknown model")}) {
            balancer.fail(status);
            assertThat(failure(solid(32, 32, Color.GRAY)).getStatus().getCode()).as(status.toString())
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
        balancer.answer(0.5f, 0.5f);
        assertThat(failure(solid(32, 32, Color.GRAY)).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void aBalancerThatDoesNotAnswerInTimeMeansNoVerdict() {
        balancer.hang();

        StatusRuntimeException error = failure(solid(32, 32, Color.GRAY));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).contains("nsfw_mobilenet_v2");
    }

    @Test
    void bytesThatAreNotAPngAreInvalidAndNeverSent() {
        balancer.answer(0.05f, 0.01f, 0.92f, 0.01f, 0.01f);
        int calls = balancer.inferCalls();

        byte[] truncated = Arrays.copyOf(solid(32, 32, Color.GRAY), 40);
        for (byte[] png : new byte[][] {"GIF89a not a png".getBytes(), truncated}) {
            assertThat(failure(png).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        StatusRuntimeException lane = catchThrowableOfType(StatusRuntimeException.class,
                () -> moderate(solid(8, 8, Color.GRAY), "urgent"));
        assertThat(lane.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(balancer.inferCalls()).isEqualTo(calls);
    }

    @Test
    void readinessFollowsTheSafetyModelBehindTheBalancer() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'image-engine' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'image-engine' }.data.model", equalTo("nsfw_mobilenet_v2"))
                .body("checks.find { it.name == 'moderation-engines' }.data.imageEngines", equalTo("nsfw_mobilenet_v2"));

        balancer.ready(false);

        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'image-engine' }.status", equalTo("DOWN"));
    }

    private StatusRuntimeException failure(byte[] png) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> moderate(png, "interactive"));
    }

    private static TopicScore topic(ModerationVerdict verdict, String name) {
        return verdict.getTopicsList().stream().filter(t -> t.getTopic().equals(name)).findFirst().orElseThrow();
    }

    static byte[] solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
