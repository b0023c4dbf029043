package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.lifecycle.TaskStateMachine;
import dev.heavyweight.task.repository.OutboxKind;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskEventEntity;
import dev.heavyweight.task.repository.TaskEventRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies state-machine decisions to task rows inside the caller's transaction. Every applied change
 * also appends its audit row, so the state and its history can never disagree, and the end of a task with a
 * webhook owes its delivery (a {@code webhook} outbox row) in that same transaction, so no end goes unsent.
 */
@ApplicationScoped
public class TaskTransitions {

    private final TaskStateMachine machine = new TaskStateMachine();
    private final TaskEventRepository events;
    private final OutboxRepository outbox;
    private final TaskClock clock;

    TaskTransitions(TaskEventRepository events, OutboxRepository outbox, TaskClock clock) {
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Records the creation of a task: the first audit row, from no state to its initial one. */
    public Uni<TaskEntity> created(TaskEntity task, String source) {
        TaskEventEntity row = new TaskEventEntity();
        row.taskId = task.id;
        row.occurredAt = task.createdAt;
        row.toState = task.state;
        row.attempt = task.attempt;
        row.source = source;
        row.eventType = "submitted";
        return events.persist(row).replaceWith(task);
    }

    /**
     * Decides {@code change} for {@code task} (which the caller has locked) and, when applied, moves the
     * task: state, attempt, {@code updated_at}, the reason of an unsuccessful end, {@code finished_at}
     * and {@code total_ms} of a terminal state. Stage-specific fields are the caller's.
     */
    public Uni<Decision> apply(TaskEntity task, Change change) {
        Decision decision = machine.decide(task.state, task.attempt, change.trigger(), change.attempt());
        if (!decision.applied()) {
            return Uni.createFrom().item(decision);
        }
        task.state = decision.to();
        task.attempt = decision.attempt();
        task.updatedAt = change.at();
        // A live task carries no reason: a retry's failure stays in the audit trail only.
        if (change.reason() != null && decision.to().isTerminal()) {
            task.reason = change.reason();
            task.reasonDetail = change.detail();
        }
        if (decision.to().isTerminal()) {
            task.finishedAt = change.at();
            task.totalMs = millisBetween(task.createdAt, change.at());
        }
        Uni<?> audited = events.persist(auditRow(task, decision, change));
        if (decision.to().isTerminal() && task.webhookUrl != null) {
            Instant now = clock.now();
            audited = audited.flatMap(row -> outbox.add(task.id, OutboxKind.WEBHOOK, 0, now, now));
        }
        return audited.replaceWith(decision);
    }

    /** Non-negative: clocks of different machines may disagree slightly. */
    public static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static TaskEventEntity auditRow(TaskEntity task, Decision decision, Change change) {
        TaskEventEntity row = new TaskEventEntity();
        row.taskId = task.id;
        row.occurredAt = change.at();
        row.fromState = decision.from();
        row.toState = decision.to();
        row.attempt = decision.attempt();
        row.source = change.source();
        row.eventType = change.trigger().eventType();
        row.reason = change.reason();
        row.detail = change.detail();
        return row;
    }
}
