package dev.heavyweight.worker.health;

import dev.heavyweight.worker.client.InferenceFailures;
import dev.heavyweight.worker.client.TritonClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the balancer answers ServerReady with true: without it no job can run. */
@Readiness
@ApplicationScoped
public class BalancerReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "balancer";

    private final TritonClient triton;

    BalancerReadinessCheck(TritonClient triton) {
        this.triton = triton;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return triton.serverReady()
                .map(ready -> HealthCheckResponse.named(NAME).status(ready).withData("serverReady", ready).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", InferenceFailures.describe(failure)).build());
    }
}
