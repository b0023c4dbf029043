package dev.heavyweight.task.lifecycle;

/** Where a task is in its life; the names are stored in the database and mirror the API's states. */
public enum TaskState {
    ACCEPTED,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    REJECTED,
    CANCELLED,
    EXPIRED;

    /** A terminal task never changes again. */
    public boolean isTerminal() {
        return switch (this) {
            case ACCEPTED, QUEUED, RUNNING -> false;
            case SUCCEEDED, FAILED, REJECTED, CANCELLED, EXPIRED -> true;
        };
    }
}
