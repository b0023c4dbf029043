package dev.heavyweight.task.webhooks;

import dev.heavyweight.task.service.InvalidFieldException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The shape of a webhook URL: absolute http(s) with a host. Where the host points is {@link WebhookTargets}' part. */
public final class WebhookUrls {

    public static final String FIELD = "webhook_url";
    public static final int MAX_LENGTH = 2048;

    private WebhookUrls() {
    }

    /** The URL, or {@link InvalidFieldException} naming {@code webhook_url}. */
    public static URI parse(String raw) {
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidFieldException(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new InvalidFieldException(FIELD, "is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidFieldException(FIELD, "must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidFieldException(FIELD, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidFieldException(FIELD, "must not carry credentials (user info)");
        }
        return uri;
    }

    /** The host without IPv6 brackets or a trailing dot, lower case. */
    public static String host(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
