package dev.heavyweight.task.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.OutboxStep;
import dev.heavyweight.task.service.TaskClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * Works a {@code webhook} row: checks the URL against the address policy again (DNS may have changed since
 * the submission), POSTs the signed status document and records the attempt. Each attempt is counted in
 * {@code heavyweight_webhook_deliveries_total{outcome}}: delivered, failed (retried later) or gave_up.
 */
@ApplicationScoped
public class WebhookDelivery {

    static final String DELIVERIES = "heavyweight.webhook.deliveries";

    private final TaskRepository tasks;
    private final OutboxLeases leases;
    private final WebhookTargets targets;
    private final WebhookSecrets secrets;
    private final WebhookClient client;
    private final WebhookAttempts attempts;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final TaskClock clock;

    WebhookDelivery(TaskRepository tasks, OutboxLeases leases, WebhookTargets targets, WebhookSecrets secrets,
            WebhookClient client, WebhookAttempts attempts, ObjectMapper mapper, MeterRegistry registry, TaskClock clock) {
        this.tasks = tasks;
        this.leases = leases;
        this.targets = targets;
        this.secrets = secrets;
        this.client = client;
        this.attempts = attempts;
        this.mapper = mapper;
        this.registry = registry;
        this.clock = clock;
        for (OutboxOutcome outcome : new OutboxOutcome[] {OutboxOutcome.DELIVERED, OutboxOutcome.FAILED, OutboxOutcome.GAVE_UP}) {
            registry.counter(DELIVERIES, "outcome", outcome.tag());
        }
    }

    public Uni<OutboxStep> deliver(OutboxRow row) {
        return tasks.findTask(row.taskId()).flatMap(task -> {
            if (task == null || task.webhookUrl == null) {
                return leases.delete(row).replaceWith(OutboxStep.done(OutboxOutcome.DROPPED));
            }
            URI url = URI.create(task.webhookUrl);
            Instant at = clock.now();
            return targets.check(url)
                    .flatMap(allowed -> post(url, task, at))
                    .onFailure(InvalidFieldException.class).recoverWithItem(refused -> WebhookAttempt.unanswered(
                            "refused: " + refused.getMessage().substring(WebhookUrls.FIELD.length() + 2)))
                    .flatMap(attempt -> attempts.record(row, attempt, at))
                    .map(outcome -> {
                        registry.counter(DELIVERIES, "outcome", outcome.tag()).increment();
                        return OutboxStep.done(outcome);
                    });
        });
    }

    private Uni<WebhookAttempt> post(URI url, TaskEntity task, Instant at) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(WebhookPayloads.of(task));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise a status document", e));
        }
        Map<String, String> headers = WebhookSignature.headers(WebhookPayloads.deliveryId(task), at.getEpochSecond(), body,
                secrets.keyOf(task.tenant));
        return client.post(url, headers, body);
    }
}
