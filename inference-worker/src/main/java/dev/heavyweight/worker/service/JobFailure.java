package dev.heavyweight.worker.service;

/**
 * A job step failed in a way the task's owner is told about. The detail is for people and safe to
 * publish: it names what went wrong, never a stack trace or an exception class. A retryable failure is
 * transient (another attempt may succeed); task-service decides whether one is made.
 */
public class JobFailure extends RuntimeException {

    private final FailureReason reason;
    private final boolean retryable;

    public JobFailure(FailureReason reason, String detail, boolean retryable) {
        super(detail, null, false, false);
        this.reason = reason;
        this.retryable = retryable;
    }

    public FailureReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    public boolean retryable() {
        return retryable;
    }
}
