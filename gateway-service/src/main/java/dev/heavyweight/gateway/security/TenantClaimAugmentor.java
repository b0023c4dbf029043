package dev.heavyweight.gateway.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token is only valid with a well-formed {@code tenant} claim and a subject: the tenant names storage
 * keys and limits, so a missing or odd one is refused as an invalid token (401), never defaulted.
 */
@Singleton
public class TenantClaimAugmentor implements SecurityIdentityAugmentor {

    /** Claim naming the caller's tenant. */
    public static final String TENANT_CLAIM = "tenant";
    /** Lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 63 characters. */
    public static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (tenantOf(token).isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without a valid tenant claim"));
        }
        if (token.getSubject() == null || token.getSubject().isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without a subject"));
        }
        return Uni.createFrom().item(identity);
    }

    /** The token's tenant when the claim is a string of the allowed form. */
    static Optional<String> tenantOf(JsonWebToken token) {
        Object claim = token.getClaim(TENANT_CLAIM);
        String tenant = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
        return tenant != null && TENANT.matcher(tenant).matches() ? Optional.of(tenant) : Optional.empty();
    }
}
