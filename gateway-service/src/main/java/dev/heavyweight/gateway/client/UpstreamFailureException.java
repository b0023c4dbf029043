package dev.heavyweight.gateway.client;

/** A dependency answered with an error that says nothing useful to the client. */
public class UpstreamFailureException extends RuntimeException {

    public UpstreamFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
