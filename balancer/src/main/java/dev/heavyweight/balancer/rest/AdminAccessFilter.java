package dev.heavyweight.balancer.rest;

import dev.heavyweight.adminaccess.AdminAccess;
import dev.heavyweight.balancer.config.BalancerConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Serves the admin API ({@code /admin/...}) only to peers inside {@code heavyweight.balancer.admin.allowed-cidrs}
 * (loopback by default: an SRE arrives through {@code kubectl port-forward}); everyone else gets 403.
 * Health and metrics are not JAX-RS resources, so they stay open to probes and Prometheus.
 * The rule itself is admin-access's {@link AdminAccess}, shared with the other service that has an admin API.
 */
public class AdminAccessFilter {

    private final AdminAccess access;

    AdminAccessFilter(BalancerConfig config) {
        this.access = new AdminAccess(config.admin().allowedCidrs(), "heavyweight.balancer.admin.allowed-cidrs");
    }

    @ServerRequestFilter
    public Optional<Response> onlyTrustedPeers(ResourceInfo resource, HttpServerRequest request) {
        return access.check(resource, request);
    }
}
