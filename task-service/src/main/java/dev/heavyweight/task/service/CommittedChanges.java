package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.metrics.TaskMetrics;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.status.StatusHints;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What happens once a task change is committed, wherever it was made (submission, admission, worker events,
 * cancellation, expiry, retries): it is counted, every gateway gets a status hint and an owed webhook is sent
 * at once. Never before the commit, so neither dashboards nor live streams ever show a change that was rolled back.
 */
@ApplicationScoped
public class CommittedChanges {

    private final TaskMetrics metrics;
    private final StatusHints hints;
    private final OutboxRelay relay;

    CommittedChanges(TaskMetrics metrics, StatusHints hints, OutboxRelay relay) {
        this.metrics = metrics;
        this.hints = hints;
        this.relay = relay;
    }

    /** A new task was stored ACCEPTED. */
    public void accepted(TaskEntity task, Lane lane) {
        metrics.submitted(task);
        hints.changed(task);
    }

    /** A trigger was decided for a task; only an applied decision changed something. */
    public void transitioned(TaskEntity task, Decision decision) {
        metrics.transitioned(task, decision);
        if (decision.applied()) {
            hints.changed(task);
        }
        if (decision.finishes() && task.webhookUrl != null) {
            // Its end owes a webhook row: deliver now rather than at the relay's next poll.
            relay.wake();
        }
    }
}
