package dev.heavyweight.task.repository;

import java.util.Locale;

/** What an outbox row asks the relay to do; the lower-case name is stored in {@code outbox.kind}. */
public enum OutboxKind {
    /** Ask moderation-service about the prompt, then reject the task or queue it. */
    ADMIT,
    /** Put the job of the row's attempt on the task's lane. */
    PUBLISH,
    /** Tell every worker that the task was cancelled. */
    CANCEL,
    /** POST the signed status document of an ended task to its webhook URL. */
    WEBHOOK;

    /** The stored value, also the {@code kind} metric tag. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
