package dev.heavyweight.task.lifecycle;

/** Why the state machine applied or ignored a trigger. */
public enum Verdict {
    APPLIED("applied"),
    /** The task already ended; terminal tasks never change. */
    TERMINAL_STATE("terminal_state"),
    /** The event belongs to an attempt older than the task's current one. */
    STALE_ATTEMPT("stale_attempt"),
    /** The task is already where this event would take it (a redelivered event). */
    DUPLICATE("duplicate"),
    /** The trigger has no transition from the task's state. */
    ILLEGAL_TRANSITION("illegal_transition"),
    /** The trigger never changes a task (progress reports). */
    NO_CHANGE("no_change");

    private final String reason;

    Verdict(String reason) {
        this.reason = reason;
    }

    /** Stable lower-case name, used as a metric tag and in logs. */
    public String reason() {
        return reason;
    }
}
