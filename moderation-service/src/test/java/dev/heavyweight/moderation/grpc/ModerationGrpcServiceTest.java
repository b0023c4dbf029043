package dev.heavyweight.moderation.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationServiceGrpc;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls the running gRPC server as task-service would, over a real channel. */
@QuarkusTest
class ModerationGrpcServiceTest {

    private ManagedChannel channel;
    private ModerationServiceGrpc.ModerationServiceBlockingStub moderation;

    @BeforeEach
    void connect() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        moderation = ModerationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private ModerationVerdict moderate(String prompt, String negativePrompt) {
        return moderation.moderatePrompt(ModeratePromptRequest.newBuilder()
                .setTenant("anonymous").setTaskId("task-1").setPrompt(prompt).setNegativePrompt(negativePrompt).build());
    }

    @Test
    void disguisedBannedWordIsBlockedWithItsCategory() {
        ModerationVerdict verdict = moderate("how to K.I.L.L a dragon in its lair", "");

        assertThat(verdict.getAllowed()).isFalse();
        assertThat(verdict.getCategoriesList()).containsExactly("violence");
        assertThat(verdict.getReason()).isEqualTo("prompt_blocked");
        assertThat(verdict.getDetail()).contains("violence").doesNotContain("dragon").doesNotContain("lair");
        assertThat(verdict.getStagesList()).singleElement().satisfies(stage -> {
            assertThat(stage.getStage()).isEqualTo("blocklist");
            assertThat(stage.getAllowed()).isFalse();
            assertThat(stage.getCategoriesList()).containsExactly("violence");
        });
    }

    @Test
    void innocentPromptIsAllowedAfterEveryStage() {
        ModerationVerdict verdict = moderate("a skillful watercolor of a killdeer by a lighthouse", "blurry, skillet");

        assertThat(verdict.getAllowed()).isTrue();
        assertThat(verdict.getCategoriesList()).isEmpty();
        assertThat(verdict.getReason()).isEmpty();
        assertThat(verdict.getStagesList()).singleElement().satisfies(stage -> {
            assertThat(stage.getStage()).isEqualTo("blocklist");
            assertThat(stage.getAllowed()).isTrue();
        });
    }

    @Test
    void negativePromptIsCheckedToo() {
        ModerationVerdict verdict = moderate("a portrait in oil", "n.u.d.e, blurry");

        assertThat(verdict.getAllowed()).isFalse();
        assertThat(verdict.getCategoriesList()).containsExactly("sexual");
        assertThat(verdict.getDetail()).contains("negative prompt").contains("sexual");
    }

    @Test
    void emptyOrBlankPromptIsInvalidArgument() {
        for (String prompt : new String[] {"", "   \t"}) {
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> moderate(prompt, ""));
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(error.getStatus().getDescription()).startsWith("prompt");
        }
    }

    @Test
    void imageModerationIsUnimplemented() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> moderation.moderateImage(ModerateImageRequest.newBuilder()
                        .setTaskId("task-1").setPng(ByteString.copyFrom(new byte[] {1, 2, 3})).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(error.getStatus().getDescription()).isEqualTo("image moderation is not enabled in this release");
    }

    @Test
    void verdictsAndStageTimesAreExported() {
        String blocked = "heavyweight_moderation_verdicts_total{category=\"hate\",kind=\"prompt\",outcome=\"blocked\"}";
        String allowed = "heavyweight_moderation_verdicts_total{category=\"none\",kind=\"prompt\",outcome=\"allowed\"}";
        String stageCount = "heavyweight_moderation_stage_seconds_count{kind=\"prompt\",stage=\"blocklist\"}";
        double blockedBefore = metric(blocked);
        double allowedBefore = metric(allowed);
        double stageBefore = metric(stageCount);

        moderate("a poster about g.e.n.o.c.i.d.e", "");
        moderate("a quiet harbour at night", "");

        assertThat(metric(blocked)).isEqualTo(blockedBefore + 1);
        assertThat(metric(allowed)).isEqualTo(allowedBefore + 1);
        assertThat(metric(stageCount)).isEqualTo(stageBefore + 2);
    }

    @Test
    void readyWithTheBlocklistLoaded() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'prompt-moderation' }.data.blocklistCategories", equalTo(4));
    }

    /** The sample's value, 0 when the series does not exist yet. */
    private static double metric(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
