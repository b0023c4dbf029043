package dev.heavyweight.gateway.events;

/** This replica already serves as many live streams as configured; answered 503 so the client retries (elsewhere). */
public class StreamLimitException extends RuntimeException {

    public StreamLimitException(int max) {
        super("this gateway replica already serves " + max + " live streams", null, false, false);
    }
}
