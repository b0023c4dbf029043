package dev.heavyweight.task.service;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.idempotency.IdempotencyConflictException;
import dev.heavyweight.task.idempotency.IdempotencyKeys;
import dev.heavyweight.task.limits.SubmissionLimits;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.repository.OutboxKind;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import dev.heavyweight.messaging.TraceHeaders;
import dev.heavyweight.task.tenants.TenantTiers;
import dev.heavyweight.task.tenants.Tier;
import dev.heavyweight.task.webhooks.WebhookState;
import dev.heavyweight.task.webhooks.WebhookTargets;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Submit: one transaction claims the idempotency key (a repeat returns the original task, taking no token),
 * takes a token from the tenant's bucket, checks its cap on unfinished tasks and stores the task ACCEPTED
 * with its first audit row and an {@code admit} outbox row; the relay, woken, does the rest (moderation,
 * enqueue). Neither a moderation nor a broker outage can fail or lose a submission: they only delay it.
 */
@ApplicationScoped
public class SubmissionService {

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final TaskTransitions transitions;
    private final TenantTiers tiers;
    private final SubmissionLimits limits;
    private final IdempotencyKeys keys;
    private final WebhookTargets webhooks;
    private final OutboxRelay relay;
    private final CommittedChanges changes;
    private final TaskConfig config;
    private final TaskClock clock;

    SubmissionService(TaskRepository tasks, OutboxRepository outbox, TaskTransitions transitions, TenantTiers tiers,
            SubmissionLimits limits, IdempotencyKeys keys, WebhookTargets webhooks, OutboxRelay relay,
            CommittedChanges changes, TaskConfig config, TaskClock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.transitions = transitions;
        this.tiers = tiers;
        this.limits = limits;
        this.keys = keys;
        this.webhooks = webhooks;
        this.relay = relay;
        this.changes = changes;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Accepted> submit(Submission submission) {
        Uni<Void> target = submission.webhookUrl() == null ? Uni.createFrom().voidItem()
                : webhooks.check(submission.webhookUrl());
        return target.flatMap(checked -> accept(submission)).invoke(accepted -> {
            if (!accepted.replayed()) {
                // The hint first: a gateway streaming this task then hears "accepted" before "queued".
                changes.accepted(accepted.task(), submission.lane());
                relay.wake();
            }
        });
    }

    @WithTransaction
    Uni<Accepted> accept(Submission submission) {
        Tier tier = tiers.of(submission.tenant());
        UUID id = UUID.randomUUID();
        Instant now = clock.now();
        if (submission.idempotencyKey() == null) {
            return create(submission, tier, id, now);
        }
        return keys.claim(submission.tenant(), submission.idempotencyKey(), submission.requestHash(), id, now)
                .flatMap(earlier -> {
                    if (earlier == null) {
                        return create(submission, tier, id, now);
                    }
                    if (!earlier.requestHash().equals(submission.requestHash())) {
                        return Uni.createFrom().failure(new IdempotencyConflictException(submission.idempotencyKey()));
                    }
                    return tasks.findTask(earlier.taskId()).flatMap(original -> limits.peek(submission.tenant(), tier)
                            .map(bucket -> new Accepted(original, true, bucket)));
                });
    }

    private Uni<Accepted> create(Submission submission, Tier tier, UUID id, Instant now) {
        return limits.admit(submission.tenant(), tier).flatMap(bucket -> {
            TaskEntity task = newTask(submission, tier, id, now);
            return tasks.persist(task)
                    .flatMap(persisted -> transitions.created(persisted, "api"))
                    .flatMap(created -> outbox.add(created.id, OutboxKind.ADMIT, 0, now, now))
                    .replaceWith(new Accepted(task, false, bucket));
        });
    }

    private TaskEntity newTask(Submission submission, Tier tier, UUID id, Instant now) {
        TaskEntity task = new TaskEntity();
        task.id = id;
        task.tenant = submission.tenant();
        task.userId = submission.user();
        task.endUser = submission.endUser();
        task.state = TaskState.ACCEPTED;
        task.lane = submission.lane().routingKey();
        task.priority = tier.priority();
        task.model = submission.model().name();
        task.prompt = submission.prompt();
        task.negativePrompt = submission.negativePrompt();
        task.width = submission.width();
        task.height = submission.height();
        task.steps = submission.steps();
        task.seed = submission.seed();
        task.moderationCategories = new String[0];
        Map<String, String> trace = TraceHeaders.of(io.opentelemetry.context.Context.current());
        task.traceparent = trace.get(TraceHeaders.TRACEPARENT);
        task.tracestate = trace.get(TraceHeaders.TRACESTATE);
        task.createdAt = now;
        task.updatedAt = now;
        task.deadlineAt = now.plus(config.ttl());
        if (submission.webhookUrl() != null) {
            task.webhookUrl = submission.webhookUrl().toString();
            task.webhookState = WebhookState.PENDING.value();
        }
        return task;
    }
}
