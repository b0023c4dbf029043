package dev.heavyweight.moderation.grpc;

import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.StageVerdict;
import dev.heavyweight.moderation.service.PromptVerdict;

/** Domain verdicts to their wire form. */
final class VerdictMapper {

    private VerdictMapper() {
    }

    static ModerationVerdict toProto(PromptVerdict verdict) {
        ModerationVerdict.Builder proto = ModerationVerdict.newBuilder()
                .setAllowed(verdict.allowed())
                .addAllCategories(verdict.categories())
                .setReason(verdict.reason())
                .setDetail(verdict.detail());
        verdict.stages().forEach(stage -> proto.addStages(StageVerdict.newBuilder()
                .setStage(stage.stage())
                .setAllowed(stage.allowed())
                .addAllCategories(stage.categories())
                .setDetail(stage.detail())));
        return proto.build();
    }
}
