package dev.heavyweight.task.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Standard Webhooks headers of one delivery attempt: {@code webhook-id} (the same for every attempt of a
 * delivery, so receivers can drop repeats), {@code webhook-timestamp} (unix seconds of this attempt) and
 * {@code webhook-signature} = {@code v1,} + base64(HMAC-SHA256(key, id "." timestamp "." body)).
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private WebhookSignature() {
    }

    /** The three headers, in that order. */
    public static Map<String, String> headers(String id, long timestampSeconds, byte[] body, byte[] key) {
        byte[] signed = (id + "." + timestampSeconds + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, String.valueOf(timestampSeconds));
        headers.put(SIGNATURE, "v1," + Base64.getEncoder().encodeToString(WebhookSecrets.hmac(key, signed)));
        return headers;
    }
}
