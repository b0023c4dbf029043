package dev.heavyweight.worker.health;

import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.repository.ResultStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the results bucket answers HEAD: a finished image must have somewhere to go. */
@Readiness
@ApplicationScoped
public class ResultBucketReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "results-bucket";

    private final ResultStore store;
    private final WorkerConfig config;

    ResultBucketReadinessCheck(ResultStore store, WorkerConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.bucketReachable()
                .ifNoItem().after(config.readinessTimeout()).fail()
                .map(exists -> HealthCheckResponse.named(NAME).status(exists).withData("bucket", store.bucket()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("bucket", store.bucket())
                        .withData("error", ResultStore.describe(failure)).build());
    }
}
