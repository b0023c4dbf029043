package dev.heavyweight.task.idempotency;

/** The idempotency key was used before with a different request (ALREADY_EXISTS; the gateway answers 422). */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String key) {
        super("idempotency key '" + key + "' was used with a different request");
    }
}
