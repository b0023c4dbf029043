package dev.heavyweight.task.webhooks;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxRepository;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.repository.TaskRepository;
import dev.heavyweight.task.service.Backoff;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records one delivery attempt on its task (attempts, last status and error, when) and settles the outbox row
 * in the same transaction: delivered → the row is done; failed → it is due again after the webhook backoff
 * (never later than the give-up instant, so the last try happens then); failed at or after give-up → state
 * failed and the row is done.
 */
@ApplicationScoped
public class WebhookAttempts {

    private static final int MAX_ERROR_LENGTH = 500;

    private final TaskRepository tasks;
    private final OutboxRepository outbox;
    private final Backoff backoff;
    private final Duration giveUpAfter;

    WebhookAttempts(TaskRepository tasks, OutboxRepository outbox, TaskConfig config) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.backoff = new Backoff(config.webhooks().backoff(), config.webhooks().backoffMax());
        this.giveUpAfter = config.webhooks().giveUpAfter();
    }

    /** What became of the delivery: {@code DELIVERED}, {@code FAILED} (to be retried) or {@code GAVE_UP}. */
    @WithTransaction
    public Uni<OutboxOutcome> record(OutboxRow row, WebhookAttempt attempt, Instant at) {
        return tasks.lockById(row.taskId()).flatMap(task -> {
            String error = attempt.error() == null || attempt.error().length() <= MAX_ERROR_LENGTH ? attempt.error()
                    : attempt.error().substring(0, MAX_ERROR_LENGTH);
            task.webhookAttempts++;
            task.webhookLastStatusCode = attempt.statusCode() == 0 ? null : attempt.statusCode();
            task.webhookLastError = error;
            task.webhookLastAttemptAt = at;
            if (attempt.delivered()) {
                task.webhookState = WebhookState.DELIVERED.value();
                task.webhookDeliveredAt = at;
                return outbox.deleteClaimed(row).replaceWith(OutboxOutcome.DELIVERED);
            }
            Instant giveUpAt = row.createdAt().plus(giveUpAfter);
            if (!at.isBefore(giveUpAt)) {
                task.webhookState = WebhookState.FAILED.value();
                return outbox.deleteClaimed(row).replaceWith(OutboxOutcome.GAVE_UP);
            }
            Instant next = at.plus(backoff.delay(task.webhookAttempts, ThreadLocalRandom.current()));
            return outbox.releaseClaimed(row, next.isAfter(giveUpAt) ? giveUpAt : next, error)
                    .replaceWith(OutboxOutcome.FAILED);
        });
    }
}
