package dev.heavyweight.messaging;

/** The broker cannot be reached right now, or it did not confirm a message; the caller may retry. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
