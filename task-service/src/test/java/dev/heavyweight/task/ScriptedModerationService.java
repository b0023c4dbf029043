package dev.heavyweight.task;

import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationService;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.StageVerdict;
import dev.heavyweight.contracts.moderation.TopicScore;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands in for moderation-service (another module) in the test app: blocks prompts containing
 * {@link #BLOCKED_WORD}, and answers UNAVAILABLE to everything while a test has declared an {@link #outage}.
 */
@GrpcService
public class ScriptedModerationService implements ModerationService {

    public static final String BLOCKED_WORD = "forbidden";
    public static final String CATEGORY = "violence";
    public static final String DETAIL = "the prompt contains a blocked term";
    /** A prompt containing this is answered as no engine could judge it (its topic's action is block). */
    public static final String UNJUDGEABLE_WORD = "unjudgeable";
    public static final String UNASSESSED_DETAIL = "no prompt engine could assess: minors";

    private static final AtomicBoolean OUTAGE = new AtomicBoolean();

    /** While true, every prompt check fails with UNAVAILABLE, as when moderation-service is down. */
    public static void outage(boolean down) {
        OUTAGE.set(down);
    }

    @Override
    public Uni<ModerationVerdict> moderatePrompt(ModeratePromptRequest request) {
        if (OUTAGE.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("scripted outage").asRuntimeException());
        }
        if (request.getPrompt().contains(BLOCKED_WORD)) {
            return Uni.createFrom().item(ModerationVerdict.newBuilder()
                    .setAllowed(false)
                    .addCategories(CATEGORY)
                    .setReason("prompt_blocked")
                    .setDetail(DETAIL)
                    .setStage("prompt")
                    .setEngine("lexicon")
                    .addTopics(topic(CATEGORY, true, 1.0, true, "lexicon"))
                    .addTopics(topic("sexual", true, 0.0, false, "lexicon"))
                    .addStages(StageVerdict.newBuilder().setStage("lexicon").setAllowed(false).addCategories(CATEGORY))
                    .build());
        }
        if (request.getPrompt().contains(UNJUDGEABLE_WORD)) {
            return Uni.createFrom().item(ModerationVerdict.newBuilder()
                    .setAllowed(false)
                    .addCategories("minors")
                    .setReason("prompt_unassessed")
                    .setDetail(UNASSESSED_DETAIL)
                    .setStage("prompt")
                    .setEngine("policy")
                    .addTopics(topic("minors", false, 0.0, false, ""))
                    .build());
        }
        return Uni.createFrom().item(ModerationVerdict.newBuilder()
                .setAllowed(true)
                .addStages(StageVerdict.newBuilder().setStage("blocklist").setAllowed(true))
                .build());
    }

    private static TopicScore topic(String name, boolean assessed, double score, boolean flagged, String engine) {
        return TopicScore.newBuilder().setTopic(name).setAssessed(assessed).setScore(score).setThreshold(0.5)
                .setMargin(score - 0.5).setFlagged(flagged).setEngine(engine).build();
    }

    @Override
    public Uni<ModerationVerdict> moderateImage(ModerateImageRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
