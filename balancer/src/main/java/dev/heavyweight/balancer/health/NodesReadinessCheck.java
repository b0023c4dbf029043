package dev.heavyweight.balancer.health;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.balancer.service.NodeContracts;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while a Triton node taking work serves a Stable Diffusion model ({@link SlotScheduler#ready()}): a missing
 * safety model delays image moderation, it does not stop generation. A node serves a Stable Diffusion model only once
 * its ModelMetadata matches the platform's contract and a warm-up inference succeeded ({@link NodeContracts}). Lists
 * every node with its state; as {@code model:<name>}, how many nodes taking work serve each polled model; and as
 * {@code contract:<node>/<model>}, {@code ok} or exactly what differs or failed.
 */
@Readiness
@ApplicationScoped
public class NodesReadinessCheck implements HealthCheck {

    private final SlotScheduler scheduler;
    private final NodeContracts contracts;

    public NodesReadinessCheck(SlotScheduler scheduler, NodeContracts contracts) {
        this.scheduler = scheduler;
        this.contracts = contracts;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Triton nodes");
        for (NodeSnapshot node : scheduler.nodes()) {
            response.withData(node.address(), node.state());
        }
        scheduler.readyNodesByModel().forEach((model, nodes) -> response.withData("model:" + model, nodes));
        contracts.statuses().forEach((nodeAndModel, status) -> response.withData("contract:" + nodeAndModel, status));
        return response.status(scheduler.ready()).build();
    }
}
