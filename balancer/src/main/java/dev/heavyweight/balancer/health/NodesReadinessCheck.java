package dev.heavyweight.balancer.health;

import dev.heavyweight.balancer.service.NodeRegistry;
import dev.heavyweight.balancer.service.TritonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while at least one Triton node answered its last ServerReady poll with true; lists every node. */
@Readiness
@ApplicationScoped
public class NodesReadinessCheck implements HealthCheck {

    private final NodeRegistry registry;

    public NodesReadinessCheck(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Triton nodes");
        boolean anyReady = false;
        for (TritonNode node : registry.nodes()) {
            anyReady |= node.ready();
            response.withData(node.address(), node.ready() ? "ready" : "not ready");
        }
        return response.status(anyReady).build();
    }
}
