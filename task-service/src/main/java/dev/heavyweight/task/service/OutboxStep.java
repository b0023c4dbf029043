package dev.heavyweight.task.service;

import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxRow;

/**
 * How one try at an outbox row ended.
 *
 * @param next a row to work on at once, still under the same claim (the {@code publish} an allowed
 *             {@code admit} turned into), or null
 */
public record OutboxStep(OutboxOutcome outcome, OutboxRow next) {

    public static OutboxStep done(OutboxOutcome outcome) {
        return new OutboxStep(outcome, null);
    }
}
