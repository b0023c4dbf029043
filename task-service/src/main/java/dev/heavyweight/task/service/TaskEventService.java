package dev.heavyweight.task.service;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.repository.ModerationJson;
import dev.heavyweight.task.repository.OutboxKind;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import dev.heavyweight.task.tenants.TenantTiers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies worker events to tasks. Each event is decided and stored in one transaction holding the
 * task's row lock, so concurrent, late and duplicate events are serialised and judged one by one. A
 * transient failure with attempts left puts the task back to QUEUED and, in the same transaction, owes
 * the next attempt's job (an outbox row due after the retry backoff).
 */
@ApplicationScoped
public class TaskEventService {

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final TaskTransitions transitions;
    private final TenantTiers tiers;
    private final TaskClock clock;
    private final Backoff retryBackoff;
    private final int maxAttempts;

    TaskEventService(TaskRepository tasks, OutboxRepository outbox, TaskTransitions transitions,
            TenantTiers tiers, TaskClock clock, TaskConfig config) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.transitions = transitions;
        this.tiers = tiers;
        this.clock = clock;
        this.retryBackoff = new Backoff(config.retryBackoff(), config.retryBackoffMax());
        this.maxAttempts = config.maxAttempts();
    }

    /** Completes once the outcome is committed; fails when the database does (the event is then retried). */
    @WithTransaction
    public Uni<EventOutcome> apply(WorkerEvent event) {
        return tasks.lockById(event.taskId()).flatMap(task -> {
            if (task == null) {
                return Uni.createFrom().item(EventOutcome.ignored(EventOutcome.UNKNOWN_TASK));
            }
            if (event.tenant() != null && !event.tenant().equals(task.tenant)) {
                return Uni.createFrom().item(EventOutcome.ignored(EventOutcome.TENANT_MISMATCH));
            }
            Change change = EventChanges.of(event, maxAttempts);
            return transitions.apply(task, change).flatMap(decision -> {
                EventOutcome outcome = EventOutcome.decided(task, decision);
                if (!decision.applied()) {
                    return Uni.createFrom().item(outcome);
                }
                stamp(task, decision, event);
                return change.trigger() == Trigger.RETRY
                        ? requeue(task, decision).replaceWith(outcome)
                        : Uni.createFrom().item(outcome);
            });
        });
    }

    private Uni<?> requeue(TaskEntity task, Decision decision) {
        Instant now = clock.now();
        task.priority = tiers.priority(task.tenant, decision.attempt());
        task.queuedAt = now;
        Instant due = now.plus(retryBackoff.delay(decision.attempt() - 1, ThreadLocalRandom.current()));
        return outbox.add(task.id, OutboxKind.PUBLISH, decision.attempt(), due, now);
    }

    private static void stamp(TaskEntity task, Decision decision, WorkerEvent event) {
        if (decision.to() == TaskState.RUNNING) {
            task.startedAt = event.at();
            if (task.queuedAt != null) {
                task.queueWaitMs = TaskTransitions.millisBetween(task.queuedAt, event.at());
            }
        }
        if (event.trigger() == Trigger.IMAGE_REJECTED && event.moderation() != null) {
            task.moderation = ModerationJson.write(event.moderation());
            task.moderationCategories = event.moderation().flaggedTopics().toArray(String[]::new);
        }
        if (event.trigger() == Trigger.SUCCEEDED || event.trigger() == Trigger.IMAGE_REJECTED) {
            if (event.trigger() == Trigger.SUCCEEDED) {
                task.imageKey = event.imageKey();
                if (event.execution() != null) {
                    task.node = event.execution().node();
                    task.nodeClass = event.execution().nodeClass();
                    task.gpuMs = event.execution().gpuMs();
                }
            }
            if (event.timings() != null) {
                task.inferenceMs = event.timings().inferenceMs();
                task.imageModerationMs = event.timings().imageModerationMs();
                task.uploadMs = event.timings().uploadMs();
            }
        }
    }
}
