package dev.heavyweight.task.service;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.metrics.OutboxMetrics;
import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.webhooks.WebhookDelivery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Works one claimed outbox row: runs its kind's step, counts the outcome and, when the step fails, gives
 * the row back due again after an exponential backoff with full jitter. Never fails: whatever goes wrong
 * is counted, logged at a bounded rate and left to a later try (at worst when the row's lease ends).
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    private final OutboxLeases leases;
    private final PromptAdmission admission;
    private final JobDispatch jobs;
    private final CancellationBroadcast cancellations;
    private final WebhookDelivery webhooks;
    private final OutboxMetrics metrics;
    private final Backoff backoff;
    private final ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofSeconds(30));

    OutboxDispatcher(OutboxLeases leases, PromptAdmission admission, JobDispatch jobs,
            CancellationBroadcast cancellations, WebhookDelivery webhooks, OutboxMetrics metrics, TaskConfig config) {
        this.leases = leases;
        this.admission = admission;
        this.jobs = jobs;
        this.cancellations = cancellations;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.backoff = new Backoff(config.outbox().backoff(), config.outbox().backoffMax());
    }

    /** Call on a context of the row's own (see {@link SessionContexts}). */
    Uni<Void> work(OutboxRow row) {
        return Uni.createFrom().<OutboxStep>deferred(() -> switch (row.kind()) {
                    case ADMIT -> admission.admit(row);
                    case PUBLISH -> jobs.publish(row);
                    case CANCEL -> cancellations.cancel(row);
                    case WEBHOOK -> webhooks.deliver(row);
                })
                .onItemOrFailure().transformToUni((step, failure) -> {
                    if (failure != null) {
                        return retryLater(row, failure);
                    }
                    metrics.attempted(row.kind(), step.outcome());
                    throttled.recovered(row.kind().value(), "outbox " + row.kind().value() + " rows succeed again");
                    return step.next() == null ? Uni.createFrom().voidItem() : work(step.next());
                });
    }

    private Uni<Void> retryLater(OutboxRow row, Throwable failure) {
        metrics.attempted(row.kind(), OutboxOutcome.FAILED);
        Duration delay = backoff.delay(row.tries() + 1, ThreadLocalRandom.current());
        String error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        throttled.warn(row.kind().value(), "outbox " + row.kind().value() + " of task " + row.taskId() + " failed ("
                + error + "); next try in " + delay.toMillis() + " ms (repeats within 30 s are logged at DEBUG)");
        return leases.release(row, delay, error).onFailure().recoverWithUni(releaseFailure -> {
            throttled.warn("release", "cannot give back outbox row " + row.id() + " (" + releaseFailure.getMessage()
                    + "); it is claimable again when its lease ends");
            return Uni.createFrom().voidItem();
        });
    }
}
