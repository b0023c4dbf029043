package dev.heavyweight.gateway.client;

/** The idempotency key was used before with a different request (ALREADY_EXISTS). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("idempotency key reused with a different request", null, false, false);
    }
}
