package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.Trigger;
import java.time.Instant;

/**
 * A trigger applied to one task, with what the audit trail records about it.
 *
 * @param trigger what happened
 * @param attempt the attempt it belongs to (0 when it does not matter)
 * @param source  who caused it: {@code api}, {@code moderation}, {@code broker}, {@code worker:<id>}
 * @param at      when it happened
 * @param reason  machine-readable reason, stored on the task when the change ends it unsuccessfully
 * @param detail  human-readable detail for the reason
 */
public record Change(Trigger trigger, int attempt, String source, Instant at, String reason, String detail) {

    public static Change of(Trigger trigger, int attempt, String source, Instant at) {
        return new Change(trigger, attempt, source, at, null, null);
    }
}
