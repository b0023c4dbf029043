package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies worker events to tasks. Each event is decided and stored in one transaction holding the
 * task's row lock, so concurrent, late and duplicate events are serialised and judged one by one.
 */
@ApplicationScoped
public class TaskEventService {

    private final TaskRepository tasks;
    private final TaskTransitions transitions;

    TaskEventService(TaskRepository tasks, TaskTransitions transitions) {
        this.tasks = tasks;
        this.transitions = transitions;
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
            return transitions.apply(task, change(event)).map(decision -> {
                if (decision.applied()) {
                    stamp(task, decision, event);
                }
                return EventOutcome.decided(task, decision);
            });
        });
    }

    private static Change change(WorkerEvent event) {
        String reason = switch (event.trigger()) {
            case FAILED -> orDefault(event.reason(), "worker_failed");
            case IMAGE_REJECTED -> orDefault(event.reason(), "image_blocked");
            default -> null;
        };
        String detail = reason == null ? null : event.detail();
        return new Change(event.trigger(), event.attempt(), event.source(), event.at(), reason, detail);
    }

    private static void stamp(TaskEntity task, Decision decision, WorkerEvent event) {
        if (decision.to() == TaskState.RUNNING) {
            task.startedAt = event.at();
            if (task.queuedAt != null) {
                task.queueWaitMs = TaskTransitions.millisBetween(task.queuedAt, event.at());
            }
        }
        if (event.trigger() == Trigger.SUCCEEDED) {
            task.imageKey = event.imageKey();
            if (event.timings() != null) {
                task.inferenceMs = event.timings().inferenceMs();
                task.imageModerationMs = event.timings().imageModerationMs();
                task.uploadMs = event.timings().uploadMs();
            }
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
