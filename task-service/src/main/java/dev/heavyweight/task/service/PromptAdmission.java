package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.task.client.ModerationClient;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.repository.TaskRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Works an {@code admit} row: asks moderation-service about the task's prompt and rejects or queues the
 * task. Without a verdict the step fails and the task stays ACCEPTED (fail closed: no prompt is ever
 * generated unchecked); the relay tries again later.
 */
@ApplicationScoped
public class PromptAdmission {

    public static final String PROMPT_BLOCKED = Reasons.PROMPT_BLOCKED;

    private final TaskRepository tasks;
    private final OutboxLeases leases;
    private final ModerationClient moderation;
    private final AdmissionOutcomes outcomes;
    private final CommittedChanges changes;

    PromptAdmission(TaskRepository tasks, OutboxLeases leases, ModerationClient moderation, AdmissionOutcomes outcomes,
            CommittedChanges changes) {
        this.tasks = tasks;
        this.leases = leases;
        this.moderation = moderation;
        this.outcomes = outcomes;
        this.changes = changes;
    }

    Uni<OutboxStep> admit(OutboxRow row) {
        return tasks.findTask(row.taskId()).flatMap(task -> {
            if (task == null || task.state != TaskState.ACCEPTED) {
                return leases.delete(row).replaceWith(OutboxStep.done(OutboxOutcome.DROPPED));
            }
            return moderation.moderatePrompt(task.tenant, task.id, task.prompt, task.negativePrompt)
                    .flatMap(verdict -> verdict.allowed() ? outcomes.queued(row) : outcomes.rejected(row, verdict))
                    .map(this::recorded);
        });
    }

    private OutboxStep recorded(Admission admission) {
        Transitioned transitioned = admission.transitioned();
        if (transitioned == null || !transitioned.decision().applied()) {
            return OutboxStep.done(OutboxOutcome.DROPPED);
        }
        changes.transitioned(transitioned.task(), transitioned.decision());
        return admission.publish() != null
                ? new OutboxStep(OutboxOutcome.ALLOWED, admission.publish())
                : OutboxStep.done(OutboxOutcome.BLOCKED);
    }
}
