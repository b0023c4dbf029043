package dev.heavyweight.task.queries;

import dev.heavyweight.task.service.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a tenant's tasks ended: the last task's (created_at, id), the listing's sort key. Opaque
 * to callers (base64url of a versioned text), so the encoding may change without breaking their loops.
 *
 * @param createdAt of the last task on the page
 * @param id        of the last task on the page
 */
public record ListCursor(Instant createdAt, UUID id) {

    public static final String FIELD = "cursor";
    private static final String VERSION = "v1";

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        String text = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or {@link InvalidFieldException} naming {@code cursor} when it is not one of ours. */
    public static ListCursor decode(String encoded) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            long micros = Long.parseLong(parts[1]);
            Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000);
            UUID id = UUID.fromString(parts[2]);
            if (!id.toString().equals(parts[2])) {
                throw invalid();
            }
            return new ListCursor(createdAt, id);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static InvalidFieldException invalid() {
        return new InvalidFieldException(FIELD, "is not a cursor returned by this listing");
    }
}
