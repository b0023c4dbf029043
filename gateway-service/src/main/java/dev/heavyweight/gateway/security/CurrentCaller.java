package dev.heavyweight.gateway.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the request being handled. Only valid inside an authenticated request (resources are
 * {@code @Authenticated}, so the identity is already verified, tenant claim included, when they run).
 */
@Singleton
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        String tenant = TenantClaimAugmentor.tenantOf(token).orElseThrow(UnauthorizedException::new);
        return new Caller(tenant, token.getSubject(), identity.hasRole(Roles.ADMIN));
    }
}
