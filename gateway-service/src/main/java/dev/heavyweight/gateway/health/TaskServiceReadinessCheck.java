package dev.heavyweight.gateway.health;

import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.client.TaskNotFoundException;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * task-service answers a real Get: looking up a random id and being told NOT_FOUND proves it is reachable
 * and serving (its database included), without needing any task to exist.
 */
@Readiness
public class TaskServiceReadinessCheck implements AsyncHealthCheck {

    /** Any well-formed tenant will do: a random id is unknown to every tenant. */
    private static final String PROBE_TENANT = "heavyweight-readiness";

    private final TaskClient tasks;

    TaskServiceReadinessCheck(TaskClient tasks) {
        this.tasks = tasks;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return tasks.get(PROBE_TENANT, UUID.randomUUID().toString())
                .map(found -> HealthCheckResponse.up("task-service"))
                .onFailure(TaskNotFoundException.class).recoverWithItem(() -> HealthCheckResponse.up("task-service"))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("task-service").down()
                        .withData("error", failure.getMessage()).build());
    }
}
