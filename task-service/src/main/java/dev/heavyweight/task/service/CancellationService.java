package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.metrics.TaskMetrics;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Cancels a task on its owner's request, unless it already ended. */
@ApplicationScoped
public class CancellationService {

    public static final String CANCELLED = "cancelled";

    private final TaskRepository tasks;
    private final TaskTransitions transitions;
    private final TaskMetrics metrics;
    private final TaskClock clock;

    CancellationService(TaskRepository tasks, TaskTransitions transitions, TaskMetrics metrics, TaskClock clock) {
        this.tasks = tasks;
        this.transitions = transitions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The CANCELLED task; {@link TaskNotFoundException} or {@link TaskAlreadyFinishedException} otherwise. */
    public Uni<TaskEntity> cancel(String tenant, String id) {
        return Uni.createFrom().deferred(() -> cancelLocked(tenant, TaskIds.parse(id)))
                .invoke(transitioned -> metrics.transitioned(transitioned.task(), transitioned.decision()))
                .map(Transitioned::task);
    }

    @WithTransaction
    Uni<Transitioned> cancelLocked(String tenant, UUID id) {
        Change change = new Change(Trigger.CANCEL, 0, "api", clock.now(), CANCELLED, "cancelled by its owner");
        return tasks.lockById(id).flatMap(task -> {
            if (task == null || !task.tenant.equals(tenant)) {
                return Uni.createFrom().failure(new TaskNotFoundException(id.toString()));
            }
            return transitions.apply(task, change).map(decision -> {
                if (!decision.applied()) {
                    throw new TaskAlreadyFinishedException(task.state);
                }
                return new Transitioned(task, decision);
            });
        });
    }
}
