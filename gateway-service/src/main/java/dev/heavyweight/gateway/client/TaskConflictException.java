package dev.heavyweight.gateway.client;

/** The task exists but is in a state that does not allow the operation (FAILED_PRECONDITION). */
public class TaskConflictException extends RuntimeException {

    public TaskConflictException(String message) {
        super(message, null, false, false);
    }
}
