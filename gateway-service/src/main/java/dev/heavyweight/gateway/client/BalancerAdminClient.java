package dev.heavyweight.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The balancer's admin API ({@code GET /admin/nodes}, {@code POST|DELETE /admin/nodes/{address}/drain},
 * {@code GET /admin/queue}) for the gateway's admin endpoints. A handful of calls per minute from the operations
 * page: the JDK's HTTP client (as task-service's usage collector uses) rather than another REST client extension.
 * Connection failures and timeouts → {@link UpstreamUnavailableException}; an unknown node →
 * {@link NodeNotFoundException}; anything else the balancer refuses (a 403: the gateway is outside its
 * {@code admin.allowed-cidrs}) → {@link UpstreamFailureException}, logged with the balancer's answer.
 */
@ApplicationScoped
public class BalancerAdminClient {

    private static final Logger LOG = Logger.getLogger(BalancerAdminClient.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI base;
    private final Duration timeout;

    BalancerAdminClient(GatewayConfig config, ObjectMapper json) {
        this.json = json;
        this.base = URI.create(config.balancer().url().replaceAll("/+$", "") + "/");
        this.timeout = config.balancer().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Uni<JsonNode> nodes() {
        return call("GET", "admin/nodes", null);
    }

    public Uni<JsonNode> queue() {
        return call("GET", "admin/queue", null);
    }

    /** {@code drained} true: no new work for the node (in-flight work finishes); false takes it back. */
    public Uni<JsonNode> drain(String address, boolean drained) {
        return call(drained ? "POST" : "DELETE", "admin/nodes/" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                + "/drain", address);
    }

    private Uni<JsonNode> call(String method, String path, String node) {
        return Uni.createFrom().deferred(() -> {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }).onFailure().transform(failure -> {
            LOG.warnf("balancer admin API at %s unreachable: %s", base, failure.toString());
            return new UpstreamUnavailableException("the balancer", failure);
        }).map(response -> {
            if (response.statusCode() == 404 && node != null) {
                throw new NodeNotFoundException(node);
            }
            if (response.statusCode() != 200) {
                LOG.errorf("balancer admin API %s %s answered %d: %s", method, path, response.statusCode(),
                        response.body());
                throw new UpstreamFailureException("the balancer answered " + response.statusCode(), null);
            }
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new UpstreamFailureException("the balancer sent unreadable JSON", e);
            }
        });
    }
}
