package dev.heavyweight.gateway.client;

/** A dependency is down or too slow right now; the client may retry later. */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable", cause);
    }
}
