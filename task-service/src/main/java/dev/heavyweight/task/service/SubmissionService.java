package dev.heavyweight.task.service;

import dev.heavyweight.task.client.ModerationClient;
import dev.heavyweight.task.client.PromptVerdict;
import dev.heavyweight.task.messaging.JobPublisher;
import dev.heavyweight.task.metrics.TaskMetrics;
import dev.heavyweight.task.repository.TaskEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Submit: accept the task durably, check its prompt, then reject it or queue it and publish its job.
 * A moderation or broker outage ends the task FAILED with a reason rather than leaving it stuck; the
 * caller always gets the task as stored.
 */
@ApplicationScoped
public class SubmissionService {

    public static final String MODERATION_UNAVAILABLE = "moderation_unavailable";
    public static final String ENQUEUE_FAILED = "enqueue_failed";

    private static final Logger LOG = Logger.getLogger(SubmissionService.class);

    private final TaskAcceptance acceptance;
    private final SubmissionOutcomes outcomes;
    private final ModerationClient moderation;
    private final JobPublisher jobs;
    private final TaskMetrics metrics;

    SubmissionService(TaskAcceptance acceptance, SubmissionOutcomes outcomes, ModerationClient moderation,
            JobPublisher jobs, TaskMetrics metrics) {
        this.acceptance = acceptance;
        this.outcomes = outcomes;
        this.moderation = moderation;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    public Uni<TaskEntity> submit(Submission submission) {
        return acceptance.accept(submission)
                .invoke(task -> metrics.submitted(submission.lane()))
                .flatMap(this::moderate);
    }

    private Uni<TaskEntity> moderate(TaskEntity task) {
        return moderation.moderatePrompt(task.tenant, task.id, task.prompt, task.negativePrompt)
                .onItemOrFailure().transformToUni((verdict, failure) -> {
                    if (failure != null) {
                        LOG.warnf("task %s failed: %s", task.id, failure.getMessage());
                        return fail(task.id, "moderation", MODERATION_UNAVAILABLE, failure.getMessage());
                    }
                    return verdict.allowed() ? enqueue(task.id) : reject(task.id, verdict);
                });
    }

    private Uni<TaskEntity> reject(UUID id, PromptVerdict verdict) {
        return outcomes.rejected(id, verdict).map(this::recorded);
    }

    private Uni<TaskEntity> enqueue(UUID id) {
        return outcomes.queued(id).flatMap(transitioned -> {
            TaskEntity task = recorded(transitioned);
            if (!transitioned.decision().applied()) {
                // Someone else moved the task first (a cancel): there is nothing to run.
                return Uni.createFrom().item(task);
            }
            return jobs.publish(task).onItemOrFailure().transformToUni((ignored, failure) -> {
                if (failure == null) {
                    return Uni.createFrom().item(task);
                }
                LOG.warnf("task %s failed: its job was not enqueued: %s", id, failure.getMessage());
                return fail(id, "broker", ENQUEUE_FAILED, "job not enqueued: " + failure.getMessage());
            });
        });
    }

    private Uni<TaskEntity> fail(UUID id, String source, String reason, String detail) {
        return outcomes.failed(id, source, reason, detail).map(this::recorded);
    }

    private TaskEntity recorded(Transitioned transitioned) {
        metrics.transitioned(transitioned.task(), transitioned.decision());
        return transitioned.task();
    }
}
