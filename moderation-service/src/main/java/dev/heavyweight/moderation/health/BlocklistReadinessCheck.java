package dev.heavyweight.moderation.health;

import dev.heavyweight.moderation.service.Blocklist;
import dev.heavyweight.moderation.service.PromptModerationPipeline;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the blocklist has at least one category with usable terms: without it no prompt can be judged. */
@Readiness
public class BlocklistReadinessCheck implements HealthCheck {

    private final Blocklist blocklist;
    private final PromptModerationPipeline pipeline;

    BlocklistReadinessCheck(Blocklist blocklist, PromptModerationPipeline pipeline) {
        this.blocklist = blocklist;
        this.pipeline = pipeline;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("prompt-moderation")
                .status(blocklist.categoryCount() > 0)
                .withData("blocklistCategories", blocklist.categoryCount())
                .withData("blocklistTerms", blocklist.termCount())
                .withData("promptStages", String.join(",", pipeline.stageNames()))
                .build();
    }
}
