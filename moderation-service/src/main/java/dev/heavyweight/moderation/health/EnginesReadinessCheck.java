package dev.heavyweight.moderation.health;

import dev.heavyweight.moderation.image.ImageModerationPipeline;
import dev.heavyweight.moderation.prompt.PromptModerationPipeline;
import dev.heavyweight.moderation.prompt.lexicon.Blocklist;
import dev.heavyweight.moderation.topics.Topics;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once topics are configured and the engines are built (they are, or startup failed); the data names the
 * engines and the lexicon size. Engines with remote dependencies add their own checks.
 */
@Readiness
public class EnginesReadinessCheck implements HealthCheck {

    private final Blocklist blocklist;
    private final Topics topics;
    private final PromptModerationPipeline prompts;
    private final ImageModerationPipeline images;

    EnginesReadinessCheck(Blocklist blocklist, Topics topics, PromptModerationPipeline prompts,
            ImageModerationPipeline images) {
        this.blocklist = blocklist;
        this.topics = topics;
        this.prompts = prompts;
        this.images = images;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("moderation-engines")
                .status(!topics.all().isEmpty())
                .withData("topics", String.join(",", topics.names()))
                .withData("lexiconTopics", blocklist.categoryCount())
                .withData("lexiconTerms", blocklist.termCount())
                .withData("promptEngines", String.join(",", prompts.engineNames()))
                .withData("imageEngines", String.join(",", images.engineNames()))
                .build();
    }
}
