package dev.heavyweight.task.service;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.metrics.TaskMetrics;
import dev.heavyweight.task.repository.OutboxKind;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import dev.heavyweight.task.tenants.TenantTiers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Submit: one transaction stores the task ACCEPTED, its first audit row and an {@code admit} outbox row;
 * the caller gets the ACCEPTED task at once and the relay, woken, does the rest (moderation, enqueue).
 * Neither a moderation nor a broker outage can fail or lose a submission: they only delay it.
 */
@ApplicationScoped
public class SubmissionService {

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final TaskTransitions transitions;
    private final TenantTiers tiers;
    private final OutboxRelay relay;
    private final TaskMetrics metrics;
    private final TaskConfig config;
    private final TaskClock clock;

    SubmissionService(TaskRepository tasks, OutboxRepository outbox, TaskTransitions transitions,
            TenantTiers tiers, OutboxRelay relay, TaskMetrics metrics, TaskConfig config, TaskClock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.transitions = transitions;
        this.tiers = tiers;
        this.relay = relay;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    public Uni<TaskEntity> submit(Submission submission) {
        return accept(submission).invoke(task -> {
            metrics.submitted(submission.lane());
            relay.wake();
        });
    }

    @WithTransaction
    Uni<TaskEntity> accept(Submission submission) {
        Instant now = clock.now();
        TaskEntity task = new TaskEntity();
        task.id = UUID.randomUUID();
        task.tenant = submission.tenant();
        task.state = TaskState.ACCEPTED;
        task.lane = submission.lane().routingKey();
        task.priority = tiers.priority(submission.tenant(), AdmissionOutcomes.FIRST_ATTEMPT);
        task.model = submission.model().name();
        task.prompt = submission.prompt();
        task.negativePrompt = submission.negativePrompt();
        task.width = submission.width();
        task.height = submission.height();
        task.steps = submission.steps();
        task.seed = submission.seed();
        task.moderationCategories = new String[0];
        task.createdAt = now;
        task.updatedAt = now;
        task.deadlineAt = now.plus(config.ttl());
        return tasks.persist(task)
                .flatMap(persisted -> transitions.created(persisted, "api"))
                .flatMap(created -> outbox.add(created.id, OutboxKind.ADMIT, 0, now, now).replaceWith(created));
    }
}
