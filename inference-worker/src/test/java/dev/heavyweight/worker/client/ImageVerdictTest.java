package dev.heavyweight.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.TopicScore;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobFailure;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageVerdictTest {

    private static final TopicScore SEXUAL = TopicScore.newBuilder().setTopic("sexual").setAssessed(true)
            .setScore(0.8).setThreshold(0.5).setMargin(0.3).setFlagged(true).setEngine("nsfw_mobilenet_v2").build();
    private static final TopicScore MINORS = TopicScore.newBuilder().setTopic("minors").setThreshold(0.45).build();

    @Test
    void blockedVerdictCarriesReasonDetailAndEveryTopicAsTheImageDecision() {
        ImageVerdict verdict = ImageVerdict.of(ModerationVerdict.newBuilder().setAllowed(false)
                .setReason("image_blocked").setDetail("flagged: sexual").setEngine("nsfw_mobilenet_v2")
                .addTopics(SEXUAL).addTopics(MINORS).build());

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo(FailureReason.IMAGE_BLOCKED);
        assertThat(verdict.detail()).isEqualTo("flagged: sexual");
        assertThat(verdict.decision()).isEqualTo(new ModerationDecision("image", "nsfw_mobilenet_v2", List.of(
                new ModerationDecision.Topic("sexual", true, 0.8, 0.5, true, "nsfw_mobilenet_v2"),
                new ModerationDecision.Topic("minors", false, 0, 0.45, false, null))));
    }

    @Test
    void unassessedStaysUnassessedAndAnyOtherReasonIsABlock() {
        assertThat(ImageVerdict.of(ModerationVerdict.newBuilder().setReason("image_unassessed").build()).reason())
                .isEqualTo(FailureReason.IMAGE_UNASSESSED);
        assertThat(ImageVerdict.of(ModerationVerdict.newBuilder().setReason("").build()).reason())
                .isEqualTo(FailureReason.IMAGE_BLOCKED);
        assertThat(ImageVerdict.of(ModerationVerdict.newBuilder().setReason("something_new").build()).reason())
                .isEqualTo(FailureReason.IMAGE_BLOCKED);
    }

    @Test
    void blockWithoutDetailNamesTheFlaggedTopics() {
        ImageVerdict verdict = ImageVerdict.of(ModerationVerdict.newBuilder().addTopics(SEXUAL).build());

        assertThat(verdict.detail()).isEqualTo("image moderation blocked the image: sexual");
    }

    @Test
    void unassessedWithoutDetailNamesTheTopicsNoEngineCouldJudge() {
        ImageVerdict verdict = ImageVerdict.of(ModerationVerdict.newBuilder().setReason("image_unassessed")
                .setEngine("policy").addCategories("minors").addTopics(MINORS).build());

        assertThat(verdict.detail()).isEqualTo("no image engine could assess the image: minors");
        assertThat(verdict.decision().engine()).isEqualTo("policy");
    }

    @Test
    void allowedVerdictHasNoReason() {
        ImageVerdict verdict = ImageVerdict.of(ModerationVerdict.newBuilder().setAllowed(true).addTopics(MINORS).build());

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.decision().topics()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL", "UNIMPLEMENTED",
            "UNKNOWN", "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"})
    void everyMissingVerdictIsATransientModerationFailure(Status.Code code) {
        JobFailure failure = ModerationClient.noVerdict(Status.fromCode(code).withDescription("down").asRuntimeException(),
                false);

        assertThat(failure.reason()).isEqualTo(FailureReason.IMAGE_MODERATION_UNAVAILABLE);
        assertThat(failure.reason().wireName()).isEqualTo("image_moderation_unavailable");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).isEqualTo("moderation-service gave no verdict on the image (" + code + ": down)");
    }

    @Test
    void theJobsOwnDeadlineRunningOutDuringModerationExpiresTheTask() {
        JobFailure failure = ModerationClient.noVerdict(Status.DEADLINE_EXCEEDED.asRuntimeException(), true);

        assertThat(failure.reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
        assertThat(failure.retryable()).isFalse();
    }
}
