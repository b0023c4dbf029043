package dev.heavyweight.emulator.health;

import dev.heavyweight.emulator.grpc.NodeServers;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFleet;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every emulated node's gRPC server has been started. A node made not ready or crashed on
 * purpose is an emulated fault, shown in the data, and does not make the emulator itself unready.
 */
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
        boolean started = servers.allStarted();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("emulated Triton nodes");
        if (started) {
            for (EmulatedNode node : fleet.nodes()) {
                String state = !servers.serving(node.index()) ? "crashed" : node.ready() ? "ready" : "not ready";
                response.withData(node.name(), state);
            }
        }
        return response.status(started).build();
    }
}
