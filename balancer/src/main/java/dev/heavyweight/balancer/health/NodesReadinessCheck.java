package dev.heavyweight.balancer.health;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while at least one Triton node takes work; lists every node with its state. */
@Readiness
@ApplicationScoped
public class NodesReadinessCheck implements HealthCheck {

    private final SlotScheduler scheduler;

    public NodesReadinessCheck(SlotScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Triton nodes");
        boolean anyAccepting = false;
        for (NodeSnapshot node : scheduler.nodes()) {
            anyAccepting |= node.accepting();
            response.withData(node.address(), node.state());
        }
        return response.status(anyAccepting).build();
    }
}
