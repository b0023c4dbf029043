package dev.heavyweight.gateway.client;

/** task-service refused the request as invalid; {@code field} is the request field its description names. */
public class UpstreamInvalidArgumentException extends RuntimeException {

    private final String field;

    public UpstreamInvalidArgumentException(String field, String description) {
        super(description, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
