package dev.heavyweight.moderation.grpc;

import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.StageVerdict;
import dev.heavyweight.contracts.moderation.TopicScore;
import dev.heavyweight.moderation.topics.TopicResult;
import dev.heavyweight.moderation.topics.Verdict;

/** Domain verdicts to their wire form. */
public final class VerdictMapper {

    private VerdictMapper() {
    }

    public static ModerationVerdict toProto(Verdict verdict) {
        ModerationVerdict.Builder proto = ModerationVerdict.newBuilder()
                .setAllowed(verdict.allowed())
                .addAllCategories(verdict.categories())
                .setReason(verdict.reason())
                .setDetail(verdict.detail())
                .setEngine(verdict.engine())
                .setStage(verdict.kind().wireName());
        verdict.topics().forEach(topic -> proto.addTopics(topic(topic)));
        verdict.engines().forEach(engine -> {
            StageVerdict.Builder stage = StageVerdict.newBuilder()
                    .setStage(engine.engine())
                    .setAllowed(engine.allowed())
                    .addAllCategories(engine.categories())
                    .setDetail(engine.detail());
            engine.topics().forEach(topic -> stage.addTopics(topic(topic)));
            proto.addStages(stage);
        });
        return proto.build();
    }

    private static TopicScore topic(TopicResult topic) {
        return TopicScore.newBuilder()
                .setTopic(topic.topic())
                .setAssessed(topic.assessed())
                .setScore(topic.score())
                .setThreshold(topic.threshold())
                .setMargin(topic.margin())
                .setFlagged(topic.flagged())
                .setEngine(topic.engine())
                .build();
    }
}
