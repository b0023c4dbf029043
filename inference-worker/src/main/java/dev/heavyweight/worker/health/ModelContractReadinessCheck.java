package dev.heavyweight.worker.health;

import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.contract.ModelCheck;
import dev.heavyweight.worker.contract.ModelContractVerifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every model the worker serves matched its contract through the balancer and warmed up
 * ({@link ModelContractVerifier}); the data names each model with {@code ok} or exactly what differs or failed.
 * A probe during a check waits for it, up to the readiness timeout.
 */
@Readiness
@ApplicationScoped
public class ModelContractReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "model contract";

    private final ModelContractVerifier verifier;
    private final WorkerConfig config;

    ModelContractReadinessCheck(ModelContractVerifier verifier, WorkerConfig config) {
        this.verifier = verifier;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return verifier.checks(config.readinessTimeout()).map(checks -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
            checks.forEach((model, check) -> response.withData(model, check.detail()));
            return response.status(checks.values().stream().allMatch(ModelCheck::ok)).build();
        });
    }
}
