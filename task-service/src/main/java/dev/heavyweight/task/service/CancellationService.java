package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.repository.OutboxKind;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Cancels a task on its owner's request, unless it already ended. In the same transaction the task's
 * pending outbox rows are dropped (no prompt check, no job) and, when a job may exist, a {@code cancel}
 * row is written so the relay tells the workers.
 */
@ApplicationScoped
public class CancellationService {

    public static final String CANCELLED = Reasons.CANCELLED;

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final TaskTransitions transitions;
    private final OutboxRelay relay;
    private final CommittedChanges changes;
    private final TaskClock clock;

    CancellationService(TaskRepository tasks, OutboxRepository outbox, TaskTransitions transitions, OutboxRelay relay,
            CommittedChanges changes, TaskClock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.transitions = transitions;
        this.relay = relay;
        this.changes = changes;
        this.clock = clock;
    }

    /** The CANCELLED task; {@link TaskNotFoundException} or {@link TaskAlreadyFinishedException} otherwise. */
    public Uni<TaskEntity> cancel(String tenant, String id) {
        return Uni.createFrom().deferred(() -> cancelLocked(tenant, TaskIds.parse(id)))
                .invoke(transitioned -> {
                    changes.transitioned(transitioned.task(), transitioned.decision());
                    relay.wake();
                })
                .map(Transitioned::task);
    }

    @WithTransaction
    Uni<Transitioned> cancelLocked(String tenant, UUID id) {
        Instant now = clock.now();
        Change change = new Change(Trigger.CANCEL, 0, "api", now, CANCELLED, "cancelled by its owner");
        return tasks.lockById(id).flatMap(task -> {
            if (task == null || !task.tenant.equals(tenant)) {
                return Uni.createFrom().failure(new TaskNotFoundException(id.toString()));
            }
            return transitions.apply(task, change).flatMap(decision -> {
                if (!decision.applied()) {
                    return Uni.createFrom().failure(new TaskAlreadyFinishedException(task.state));
                }
                Transitioned transitioned = new Transitioned(task, decision);
                Uni<Long> dropped = outbox.deletePendingWork(id);
                // An ACCEPTED task never had a job, so there is nothing for a worker to skip or stop.
                if (decision.from() == TaskState.ACCEPTED) {
                    return dropped.replaceWith(transitioned);
                }
                return dropped.flatMap(ignored -> outbox.add(id, OutboxKind.CANCEL, 0, now, now)).replaceWith(transitioned);
            });
        });
    }
}
