package dev.heavyweight.worker.service;

/**
 * A job step failed in a way the task's owner is told about. The detail is for people and safe to
 * publish: it names what went wrong, never a stack trace or an exception class.
 */
public class JobFailure extends RuntimeException {

    private final FailureReason reason;

    public JobFailure(FailureReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
