package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.gateway.rest.InvalidRequestException;
import java.util.List;
import java.util.Optional;

/** The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header). */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * Empty when the header is absent; a present one (sent once) must be 1 to 255 printable ASCII characters.
     * Takes the raw header values because an empty header must be refused, not read as absent.
     */
    public static Optional<String> parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(HEADER, "must be sent once");
        }
        return parse(values.get(0));
    }

    /** Empty for null; otherwise the key, which must be 1 to 255 printable ASCII characters. */
    public static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        boolean printable = header.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (header.isEmpty() || header.length() > MAX_LENGTH || !printable) {
            throw new InvalidRequestException(HEADER, "must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
        return Optional.of(header);
    }
}
