package dev.heavyweight.gateway.health;

import dev.heavyweight.gateway.client.ResultStoreClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The results bucket exists and is reachable with the configured credentials (HEAD bucket). */
@Readiness
public class ResultStoreReadinessCheck implements AsyncHealthCheck {

    private final ResultStoreClient results;

    ResultStoreReadinessCheck(ResultStoreClient results) {
        this.results = results;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return results.probe()
                .map(ok -> HealthCheckResponse.named("result-store").up().withData("bucket", results.bucket()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("result-store").down()
                        .withData("bucket", results.bucket())
                        .withData("error", failure.getMessage())
                        .build());
    }
}
