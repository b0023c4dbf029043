package dev.heavyweight.moderation.image;

/**
 * The safety model gave no usable answer. Deliberately not a gRPC status: whatever the balancer said, the caller
 * of ModerateImage hears UNAVAILABLE (no verdict), never the balancer's INVALID_ARGUMENT as if its own request were bad.
 */
public class SafetyModelException extends RuntimeException {

    public SafetyModelException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
