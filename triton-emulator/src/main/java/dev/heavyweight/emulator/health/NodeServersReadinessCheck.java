package dev.heavyweight.emulator.health;

import dev.heavyweight.emulator.grpc.NodeServers;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every emulated node's gRPC server is up and the node reports ready. */
@Readiness
@ApplicationScoped
public class NodeServersReadinessCheck implements HealthCheck {

    private final NodeServers servers;
    private final NodeFleet fleet;

    public NodeServersReadinessCheck(NodeServers servers, NodeFleet fleet) {
        this.servers = servers;
        this.fleet = fleet;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = servers.allStarted();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("emulated Triton nodes");
        for (EmulatedNode node : fleet.nodes()) {
            up &= node.ready();
            response.withData(node.name(), node.ready() ? "ready" : "not ready");
        }
        return response.status(up).build();
    }
}
