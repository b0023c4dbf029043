package dev.heavyweight.task.metrics;

import java.util.Locale;

/** How one try at an outbox row ended: the {@code outcome} tag of {@code heavyweight_outbox_attempts_total}. */
public enum OutboxOutcome {
    /** admit: the prompt passed and the task was queued. */
    ALLOWED,
    /** admit: the prompt was blocked and the task rejected. */
    BLOCKED,
    /** publish, cancel: the broker confirmed the message. */
    PUBLISHED,
    /** cancel: the broker took the message but no worker was listening. */
    UNHEARD,
    /** webhook: the receiver answered 2xx. */
    DELIVERED,
    /** webhook: every attempt failed until {@code give-up-after} passed; the delivery is abandoned. */
    GAVE_UP,
    /** The row was no longer owed (the task moved on, or another relay took the row over). */
    DROPPED,
    /**
     * The step failed (moderation or broker unavailable, database error, a webhook receiver failing); the row
     * is tried again later.
     */
    FAILED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
