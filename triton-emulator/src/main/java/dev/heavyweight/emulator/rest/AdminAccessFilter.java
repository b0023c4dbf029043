package dev.heavyweight.emulator.rest;

import dev.heavyweight.adminaccess.AdminAccess;
import dev.heavyweight.emulator.config.EmulatorConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Serves the admin API ({@code /admin/...}: faults, crashes, readiness, the executions record) only to peers
 * inside {@code heavyweight.emulator.admin.allowed-cidrs} (loopback by default: an SRE arrives through
 * {@code kubectl port-forward}); everyone else gets 403. Health, {@code /q/metrics} and each node's
 * {@code /nodes/{i}/metrics} lie outside /admin, so they stay open to probes and Prometheus.
 * The rule itself is admin-access's {@link AdminAccess}, shared with the other service that has an admin API.
 */
public class AdminAccessFilter {

    private final AdminAccess access;

    AdminAccessFilter(EmulatorConfig config) {
        this.access = new AdminAccess(config.admin().allowedCidrs(), "heavyweight.emulator.admin.allowed-cidrs");
    }

    @ServerRequestFilter
    public Optional<Response> onlyTrustedPeers(ResourceInfo resource, HttpServerRequest request) {
        return access.check(resource, request);
    }
}
