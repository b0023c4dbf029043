package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.kserve.ModelMetadataResponse;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import io.grpc.Deadline;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ModelReady and ModelMetadata, answered by the nodes that take work. They are cheap control calls, so they
 * bypass admission: ModelMetadata goes to the nodes in turn and moves on to the next one on UNAVAILABLE.
 */
@ApplicationScoped
public class ModelCallForwarder {

    private static final int METADATA_ATTEMPTS = 2;

    private final SlotScheduler scheduler;
    private final NodeRegistry registry;
    private final AtomicInteger turn = new AtomicInteger();

    public ModelCallForwarder(SlotScheduler scheduler, NodeRegistry registry) {
        this.scheduler = scheduler;
        this.registry = registry;
    }

    /** True when any node taking work has the model ready; a node that fails to answer counts as not ready. */
    public Uni<Boolean> modelReady(ModelReadyRequest request, Deadline deadline) {
        List<Uni<Boolean>> answers = acceptingClients().stream()
                .map(client -> client.modelReady(request, deadline).onFailure().recoverWithItem(false))
                .toList();
        if (answers.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Uni.join().all(answers).andFailFast().map(ready -> ready.contains(true));
    }

    /**
     * Asks the nodes that take work for the model (whose contract checked out); when none does, any node taking
     * work, so a caller sees what the fleet actually declares.
     */
    public Uni<ModelMetadataResponse> metadata(ModelMetadataRequest request, Deadline deadline) {
        List<TritonNodeClient> clients = servingClients(request.getName());
        if (clients.isEmpty()) {
            clients = acceptingClients();
        }
        if (clients.isEmpty()) {
            return Uni.createFrom().failure(
                    Status.UNAVAILABLE.withDescription("no ready inference node").asRuntimeException());
        }
        return metadata(request, deadline, clients, Math.floorMod(turn.getAndIncrement(), clients.size()), 1);
    }

    private Uni<ModelMetadataResponse> metadata(ModelMetadataRequest request, Deadline deadline,
                                                List<TritonNodeClient> clients, int index, int attempt) {
        return clients.get(index).modelMetadata(request, deadline)
                .onFailure(failure -> Status.fromThrowable(failure).getCode() == Status.Code.UNAVAILABLE
                        && attempt < Math.min(METADATA_ATTEMPTS, clients.size()))
                .recoverWithUni(() -> metadata(request, deadline, clients, (index + 1) % clients.size(), attempt + 1));
    }

    private List<TritonNodeClient> servingClients(String model) {
        return scheduler.nodes().stream()
                .filter(node -> node.accepting() && node.readyModels().contains(model))
                .flatMap(node -> registry.client(node.address()).stream())
                .toList();
    }

    private List<TritonNodeClient> acceptingClients() {
        return scheduler.nodes().stream()
                .filter(NodeSnapshot::accepting)
                .flatMap(node -> registry.client(node.address()).stream())
                .toList();
    }
}
