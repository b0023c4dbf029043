package dev.heavyweight.task;

import dev.heavyweight.contracts.moderation.ModerateImageRequest;
import dev.heavyweight.contracts.moderation.ModeratePromptRequest;
import dev.heavyweight.contracts.moderation.ModerationService;
import dev.heavyweight.contracts.moderation.ModerationVerdict;
import dev.heavyweight.contracts.moderation.StageVerdict;
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
                    .addStages(StageVerdict.newBuilder().setStage("blocklist").setAllowed(false).addCategories(CATEGORY))
                    .build());
        }
        return Uni.createFrom().item(ModerationVerdict.newBuilder()
                .setAllowed(true)
                .addStages(StageVerdict.newBuilder().setStage("blocklist").setAllowed(true))
                .build());
    }

    @Override
    public Uni<ModerationVerdict> moderateImage(ModerateImageRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
