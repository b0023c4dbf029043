package dev.heavyweight.task.service;

import dev.heavyweight.task.client.PromptVerdict;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.repository.ModerationJson;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Applies a prompt verdict to an ACCEPTED task, together with its claimed {@code admit} row, in one
 * transaction holding the task's lock: cancellation and expiry, which delete the row under the same lock,
 * either happened before (the row is gone: nothing changes) or wait until this commits.
 */
@ApplicationScoped
public class AdmissionOutcomes {

    /** Attempt number of the first job of a task. */
    public static final int FIRST_ATTEMPT = 1;

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final TaskTransitions transitions;
    private final TaskClock clock;

    AdmissionOutcomes(TaskRepository tasks, OutboxRepository outbox, TaskTransitions transitions, TaskClock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The prompt passed: QUEUED, and the row becomes the {@code publish} of the first attempt. */
    @WithTransaction
    public Uni<Admission> queued(OutboxRow row) {
        Instant now = clock.now();
        return tasks.lockById(row.taskId()).flatMap(task -> {
            if (task == null || task.state != TaskState.ACCEPTED) {
                return outbox.deleteClaimed(row).replaceWith(Admission.DROPPED);
            }
            return outbox.claimedToPublish(row, FIRST_ATTEMPT).flatMap(converted -> {
                if (!converted) {
                    return Uni.createFrom().item(Admission.DROPPED);
                }
                return transitions.apply(task, Change.of(Trigger.PROMPT_ALLOWED, FIRST_ATTEMPT, "moderation", now))
                        .map(decision -> {
                            task.queuedAt = now;
                            task.moderationMs = TaskTransitions.millisBetween(task.createdAt, now);
                            return new Admission(new Transitioned(task, decision), row.toPublish(FIRST_ATTEMPT));
                        });
            });
        });
    }

    /** The prompt was blocked: REJECTED with the verdict's categories and explanation; the row is done. */
    @WithTransaction
    public Uni<Admission> rejected(OutboxRow row, PromptVerdict verdict) {
        Instant now = clock.now();
        String reason = verdict.reason() == null || verdict.reason().isBlank() ? PromptAdmission.PROMPT_BLOCKED
                : verdict.reason();
        Change change = new Change(Trigger.PROMPT_BLOCKED, 0, "moderation", now, reason, verdict.detail());
        return tasks.lockById(row.taskId()).flatMap(task -> outbox.deleteClaimed(row).flatMap(deleted -> {
            if (!deleted || task == null) {
                return Uni.createFrom().item(Admission.DROPPED);
            }
            return transitions.apply(task, change).map(decision -> {
                if (decision.applied()) {
                    task.moderationCategories = verdict.categories().toArray(String[]::new);
                    task.moderation = ModerationJson.write(verdict.decision());
                    task.moderationMs = TaskTransitions.millisBetween(task.createdAt, now);
                }
                return new Admission(new Transitioned(task, decision), null);
            });
        }));
    }
}
