package dev.heavyweight.balancer.health;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while a Triton node taking work serves a Stable Diffusion model ({@link SlotScheduler#ready()}): a missing
 * safety model delays image moderation, it does not stop generation. Lists every node with its state and, as
 * {@code model:<name>}, how many nodes taking work serve each polled model.
 */
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
        for (NodeSnapshot node : scheduler.nodes()) {
            response.withData(node.address(), node.state());
        }
        scheduler.readyNodesByModel().forEach((model, nodes) -> response.withData("model:" + model, nodes));
        return response.status(scheduler.ready()).build();
    }
}
