package dev.heavyweight.messaging;

/**
 * The broker accepted a publish but no queue was bound to take it (a mandatory message came back).
 * For a job that is a failure to retry; for a broadcast nobody listens to it may simply mean "nobody to tell".
 */
public class UnroutableMessageException extends BrokerUnavailableException {

    public UnroutableMessageException(String message) {
        super(message);
    }
}
