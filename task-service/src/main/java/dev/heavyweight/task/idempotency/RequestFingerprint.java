package dev.heavyweight.task.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a submission's fields in one fixed, unambiguous encoding (a version, then every field in a
 * fixed order, strings length-prefixed), so the same request always hashes the same and two different ones
 * never collide by concatenation. Who asks (tenant, user) and the key itself are not part of it.
 */
public final class RequestFingerprint {

    private static final int VERSION = 1;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    private RequestFingerprint() {
        number(VERSION);
    }

    public static RequestFingerprint builder() {
        return new RequestFingerprint();
    }

    public RequestFingerprint text(String value) {
        try {
            if (value == null) {
                out.writeInt(-1);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RequestFingerprint number(long value) {
        try {
            out.writeLong(value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number that may be absent (absent and 0 differ). */
    public RequestFingerprint optional(Long value) {
        try {
            out.writeBoolean(value != null);
            return value == null ? this : number(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower-case hex of the SHA-256 of everything added. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
