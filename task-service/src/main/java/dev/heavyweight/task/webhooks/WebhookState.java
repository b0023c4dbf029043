package dev.heavyweight.task.webhooks;

import java.util.Locale;

/** How a task's webhook delivery stands; the lower-case name is stored in {@code tasks.webhook_state}. */
public enum WebhookState {
    /** The task has not ended yet, or the delivery is being tried. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Every attempt failed until {@code give-up-after} passed. */
    FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
