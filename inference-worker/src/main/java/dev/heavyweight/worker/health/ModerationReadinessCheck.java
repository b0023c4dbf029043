package dev.heavyweight.worker.health;

import dev.heavyweight.worker.client.InferenceFailures;
import dev.heavyweight.worker.client.ModerationClient;
import dev.heavyweight.worker.config.WorkerConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while moderation-service reports its ModerationService SERVING on the standard gRPC health
 * service: without a verdict no image may be stored. Always up while image moderation is switched off.
 */
@Readiness
@ApplicationScoped
public class ModerationReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "moderation";

    private final ModerationClient moderation;
    private final boolean enabled;

    ModerationReadinessCheck(ModerationClient moderation, WorkerConfig config) {
        this.moderation = moderation;
        this.enabled = config.imageModeration().enabled();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!enabled) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("enabled", false).build());
        }
        return moderation.serving()
                .map(serving -> HealthCheckResponse.named(NAME).status(serving).withData("serving", serving).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", InferenceFailures.describe(failure)).build());
    }
}
