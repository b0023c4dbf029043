package dev.heavyweight.moderation.health;

import dev.heavyweight.moderation.image.ImageModerationPipeline;
import dev.heavyweight.moderation.image.NsfwMobilenetEngine;
import dev.heavyweight.moderation.image.SafetyModelClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the image engine can judge: the balancer answers ModelReady for the safety model with true (one
 * short call per probe). While it does not, ModerateImage would answer UNAVAILABLE, so the service reports it.
 * Up, with {@code enabled=false}, when no image engine is configured.
 */
@Readiness
public class ImageEngineReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "image-engine";

    private final ImageModerationPipeline images;
    private final SafetyModelClient safetyModel;

    ImageEngineReadinessCheck(ImageModerationPipeline images, SafetyModelClient safetyModel) {
        this.images = images;
        this.safetyModel = safetyModel;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!images.engineNames().contains(NsfwMobilenetEngine.NAME)) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("enabled", false).build());
        }
        return safetyModel.modelReady()
                .map(ready -> HealthCheckResponse.named(NAME).status(ready)
                        .withData("engine", NsfwMobilenetEngine.NAME)
                        .withData("model", safetyModel.model())
                        .withData("modelReady", ready)
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("engine", NsfwMobilenetEngine.NAME)
                        .withData("model", safetyModel.model())
                        .withData("error", "balancer unreachable: " + failure.getMessage())
                        .build());
    }
}
