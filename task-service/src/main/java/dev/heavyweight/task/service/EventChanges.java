package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.task.lifecycle.Trigger;

/** What a worker event asks of its task: which trigger, with which reason. Pure, so the rules are testable. */
public final class EventChanges {

    /** Reason of a {@code task.failed} that named none. */
    public static final String WORKER_FAILED = "worker_failed";

    private EventChanges() {
    }

    /**
     * A {@code task.failed} becomes: EXPIRED for {@code deadline_exceeded}; a retry when it is transient
     * and the attempt is not the last of {@code maxAttempts}; otherwise the end of the task, saying so
     * when a transient failure ran out of attempts.
     */
    public static Change of(WorkerEvent event, int maxAttempts) {
        return switch (event.trigger()) {
            case FAILED -> failed(event, maxAttempts);
            case IMAGE_REJECTED -> change(event, Trigger.IMAGE_REJECTED, orDefault(event.reason(), Reasons.IMAGE_BLOCKED),
                    event.detail());
            default -> change(event, event.trigger(), null, null);
        };
    }

    private static Change failed(WorkerEvent event, int maxAttempts) {
        String reason = orDefault(event.reason(), WORKER_FAILED);
        if (Reasons.DEADLINE_EXCEEDED.equals(reason)) {
            return change(event, Trigger.JOB_EXPIRED, reason, event.detail());
        }
        if (!event.retryable()) {
            return change(event, Trigger.FAILED, reason, event.detail());
        }
        if (event.attempt() < maxAttempts) {
            return change(event, Trigger.RETRY, reason, event.detail());
        }
        String exhausted = "attempt " + event.attempt() + " of " + maxAttempts + " failed and no attempts are left";
        String detail = event.detail() == null || event.detail().isBlank() ? exhausted : exhausted + ": " + event.detail();
        return change(event, Trigger.FAILED, reason, detail);
    }

    private static Change change(WorkerEvent event, Trigger trigger, String reason, String detail) {
        return new Change(trigger, event.attempt(), event.source(), event.at(), reason, reason == null ? null : detail);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
