package dev.heavyweight.task.service;

import dev.heavyweight.task.client.PromptVerdict;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The second step of a submission: what became of an ACCEPTED task, each in its own transaction. */
@ApplicationScoped
public class SubmissionOutcomes {

    /** Attempt number of the first job of a task. */
    public static final int FIRST_ATTEMPT = 1;
    public static final String PROMPT_BLOCKED = "prompt_blocked";

    private final TaskRepository tasks;
    private final TaskTransitions transitions;
    private final TaskClock clock;

    SubmissionOutcomes(TaskRepository tasks, TaskTransitions transitions, TaskClock clock) {
        this.tasks = tasks;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The prompt passed: QUEUED, ready for its first job to be published. */
    @WithTransaction
    public Uni<Transitioned> queued(UUID id) {
        Instant now = clock.now();
        return tasks.lockById(id).flatMap(task -> transitions
                .apply(task, Change.of(Trigger.PROMPT_ALLOWED, FIRST_ATTEMPT, "moderation", now))
                .map(decision -> {
                    if (decision.applied()) {
                        task.queuedAt = now;
                        task.moderationMs = TaskTransitions.millisBetween(task.createdAt, now);
                    }
                    return new Transitioned(task, decision);
                }));
    }

    /** The prompt was blocked: REJECTED with the verdict's categories and explanation. */
    @WithTransaction
    public Uni<Transitioned> rejected(UUID id, PromptVerdict verdict) {
        Instant now = clock.now();
        Change change = new Change(Trigger.PROMPT_BLOCKED, 0, "moderation", now, PROMPT_BLOCKED, verdict.detail());
        return tasks.lockById(id).flatMap(task -> transitions.apply(task, change).map(decision -> {
            if (decision.applied()) {
                task.moderationCategories = verdict.categories().toArray(String[]::new);
                task.moderationMs = TaskTransitions.millisBetween(task.createdAt, now);
            }
            return new Transitioned(task, decision);
        }));
    }

    /** The task could not be put on its lane: FAILED with {@code reason}, so it is never left waiting. */
    @WithTransaction
    public Uni<Transitioned> failed(UUID id, String source, String reason, String detail) {
        Change change = new Change(Trigger.ENQUEUE_FAILED, 0, source, clock.now(), reason, detail);
        return tasks.lockById(id).flatMap(task -> transitions.apply(task, change)
                .map(decision -> new Transitioned(task, decision)));
    }
}
