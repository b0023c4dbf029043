package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Ends a waiting task whose deadline passed: EXPIRED, and nothing is owed to it any more. */
@ApplicationScoped
public class TaskExpiry {

    public static final String DETAIL = "the task did not start before its deadline";

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final TaskTransitions transitions;
    private final TaskClock clock;

    TaskExpiry(TaskRepository tasks, OutboxRepository outbox, TaskTransitions transitions, TaskClock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Not applied when the task moved on (started, ended) since it was found. */
    @WithTransaction
    public Uni<Transitioned> expire(UUID id) {
        Change change = new Change(Trigger.DEADLINE_PASSED, 0, "expiry", clock.now(), Reasons.DEADLINE_EXCEEDED, DETAIL);
        return tasks.lockById(id).flatMap(task -> transitions.apply(task, change).flatMap(decision -> {
            Transitioned transitioned = new Transitioned(task, decision);
            return decision.applied()
                    ? outbox.deletePendingWork(id).replaceWith(transitioned)
                    : Uni.createFrom().item(transitioned);
        }));
    }
}
