package dev.heavyweight.task.messaging;

/** A delivery on the events queue that cannot be applied to any task; it is dropped and counted. */
public class UnusableEventException extends Exception {

    private final String reason;

    public UnusableEventException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The {@code reason} tag of {@code heavyweight_task_events_ignored_total}. */
    public String reason() {
        return reason;
    }
}
