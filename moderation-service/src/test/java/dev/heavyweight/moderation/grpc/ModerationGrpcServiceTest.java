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
        ModerationVerdict verdict = moderate("a M.U.R.D.E.R of a dragon in its lair", "");

        assertThat(verdict.getAllowed()).isFalse();
        assertThat(verdict.getCategoriesList()).containsExactly("violence");
        assertThat(verdict.getReason()).isEqualTo("prompt_blocked");
        assertThat(verdict.getDetail()).contains("violence").doesNotContain("dragon").doesNotContain("lair");
        assertThat(verdict.getEngine()).isEqualTo("lexicon");
        assertThat(verdict.getStage()).isEqualTo("prompt");
        assertThat(verdict.getTopicsList()).filteredOn(t -> t.getTopic().equals("violence")).singleElement()
                .satisfies(topic -> {
                    assertThat(topic.getAssessed()).isTrue();
                    assertThat(topic.getScore()).isEqualTo(1.0);
                    assertThat(topic.getThreshold()).isEqualTo(0.5);
                    assertThat(topic.getMargin()).isEqualTo(0.5);
                    assertThat(topic.getFlagged()).isTrue();
                    assertThat(topic.getEngine()).isEqualTo("lexicon");
                });
        assertThat(verdict.getTopicsList()).filteredOn(t -> !t.getTopic().equals("violence"))
                .allSatisfy(topic -> assertThat(topic.getFlagged()).isFalse());
        assertThat(verdict.getStagesList()).first().satisfies(stage -> {
            assertThat(stage.getStage()).isEqualTo("lexicon");
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
        assertThat(verdict.getEngine()).isEmpty();
        assertThat(verdict.getStagesList()).allSatisfy(stage -> assertThat(stage.getAllowed()).isTrue());
        assertThat(verdict.getStagesList()).extracting(s -> s.getStage()).startsWith("lexicon");
    }

    @Test
    void negativePromptOnlySteersAwayAndIsNotJudged() {
        ModerationVerdict verdict = moderate("a portrait in oil", "nsfw, nude, gore, blurry");

        assertThat(verdict.getAllowed()).isTrue();
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
    void verdictsAndStageTimesAreExported() {
        String blocked = "heavyweight_moderation_verdicts_total{category=\"hate\",engine=\"lexicon\",kind=\"prompt\",outcome=\"blocked\"}";
        String allowed = "heavyweight_moderation_verdicts_total{category=\"none\",engine=\"none\",kind=\"prompt\",outcome=\"allowed\"}";
        String stageCount = "heavyweight_moderation_stage_seconds_count{kind=\"prompt\",stage=\"lexicon\"}";
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
    void readyWithTheEnginesAndTopicsNamed() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'moderation-engines' }.data.topics",
                        equalTo("drugs,hate,minors,self-harm,sexual,violence,weapons"))
                .body("checks.find { it.name == 'moderation-engines' }.data.lexiconTopics", equalTo(7));
    }

    /** The sample's value, 0 when the series does not exist yet. */
    private static double metric(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
