package dev.heavyweight.task.webhooks;

import dev.heavyweight.task.config.TaskConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Each tenant's Standard Webhooks signing secret ({@code whsec_} + base64 of the key bytes): configured per
 * tenant, or derived as HMAC-SHA256(signing-key, tenant), so every replica signs alike without a table and a
 * tenant's secret changes only when an operator rotates the signing key.
 */
@Startup
@ApplicationScoped
public class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    static final String DEV_KEY = "heavyweight-dev-only-webhook-signing-key";
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final String HMAC = "HmacSHA256";

    private final byte[] signingKey;
    private final Map<String, String> configured;

    @Inject
    WebhookSecrets(TaskConfig config) {
        this(config.webhooks().signingKey(), config.webhooks().tenantSecrets());
        if (DEV_KEY.equals(config.webhooks().signingKey()) && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("heavyweight.task.webhooks.signing-key is the development default: anyone who reads this code "
                    + "can sign webhooks for your tenants; set it (and keep it secret) in production");
        }
    }

    /** Refuses configured secrets that are not {@code whsec_} + base64, so a typo fails the start. */
    public WebhookSecrets(String signingKey, Map<String, String> tenantSecrets) {
        if (signingKey.isEmpty()) {
            throw new IllegalArgumentException("heavyweight.task.webhooks.signing-key must not be empty");
        }
        this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
        this.configured = new HashMap<>(tenantSecrets);
        tenantSecrets.forEach((tenant, secret) -> {
            if (!secret.startsWith(PREFIX) || keyBytes(secret).length == 0) {
                throw new IllegalArgumentException("heavyweight.task.webhooks.tenant-secrets." + tenant
                        + " must be " + PREFIX + " followed by base64");
            }
        });
    }

    /** The secret as tenants see it (GetTenant) and receivers verify with. */
    public String secretOf(String tenant) {
        String secret = configured.get(tenant);
        return secret != null ? secret : PREFIX + Base64.getEncoder().encodeToString(hmac(signingKey, tenant));
    }

    /** The key bytes that sign the tenant's deliveries (the secret after its prefix, base64-decoded). */
    public byte[] keyOf(String tenant) {
        return keyBytes(secretOf(tenant));
    }

    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }

    private static byte[] keyBytes(String secret) {
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
