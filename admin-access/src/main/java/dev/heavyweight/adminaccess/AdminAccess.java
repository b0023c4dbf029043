package dev.heavyweight.adminaccess;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Serves a service's admin API ({@code /admin/...}) only to peers inside its allowed address blocks
 * (loopback by default: an SRE arrives through {@code kubectl port-forward}); everyone else gets 403
 * problem+json. Each service's own {@code @ServerRequestFilter} delegates here (Quarkus finds filters in
 * the service's index only). Health and metrics are not JAX-RS resources, so they stay open.
 *
 * <p>The check looks at the resource that matched, so no spelling of the path (percent-encoding, dot
 * segments) reaches an admin method unchecked, and a new {@code /admin} resource is covered without an
 * annotation to forget. The peer is the TCP connection's, never a forwarded header.
 */
public final class AdminAccess {

    private static final Logger LOG = Logger.getLogger(AdminAccess.class);
    private static final String TYPE = "https://heavyweight.dev/problems/admin-forbidden";

    private final List<CidrBlock> allowed;
    private final String configKey;

    /** @param configKey the property that sets {@code allowed}, named in the refusal */
    public AdminAccess(List<CidrBlock> allowed, String configKey) {
        this.allowed = List.copyOf(allowed);
        this.configKey = configKey;
    }

    /** Empty when the call may go on; the 403 answer otherwise. */
    public Optional<Response> check(ResourceInfo resource, HttpServerRequest request) {
        if (!isAdmin(resource)) {
            return Optional.empty();
        }
        SocketAddress peer = request.connection().remoteAddress();
        String host = peer == null ? null : peer.hostAddress();
        boolean trusted = CidrBlock.literal(host)
                .map(address -> allowed.stream().anyMatch(block -> block.contains(address)))
                .orElse(false);
        if (trusted) {
            return Optional.empty();
        }
        LOG.debugf("refused admin call %s %s from %s", request.method(), request.path(), host);
        return Optional.of(Response.status(Response.Status.FORBIDDEN)
                .type("application/problem+json")
                .entity(Map.of("type", TYPE,
                        "title", "Forbidden",
                        "status", 403,
                        "detail", "the admin API answers only callers from " + configKey + " " + allowed
                                + "; this call came from " + host
                                + " (reach it with kubectl port-forward, which arrives on loopback)"))
                .build());
    }

    /** Whether the matched method's route (class {@code @Path} plus method {@code @Path}) lies under /admin. */
    static boolean isAdmin(ResourceInfo resource) {
        String route = (path(resource.getResourceClass()) + path(resource.getResourceMethod())).replaceAll("/+", "/");
        return route.equals("/admin") || route.startsWith("/admin/");
    }

    private static String path(Class<?> type) {
        // @Path is not inherited: look past a generated subclass to the class that declares it.
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String path = path((AnnotatedElement) c);
            if (!path.isEmpty()) {
                return path;
            }
        }
        return "";
    }

    private static String path(AnnotatedElement element) {
        Path path = element == null ? null : element.getAnnotation(Path.class);
        return path == null ? "" : "/" + path.value();
    }
}
