package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.kserve.ModelReadyRequest;
import io.grpc.Deadline;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Polls every node's ServerReady and, when ready, ModelReady of each configured model, on a fixed interval.
 * A poll succeeds when ServerReady answers true and every ModelReady answers in time; it tells the scheduler
 * which models the node serves. A model the node does not know (ModelReady false, or NOT_FOUND /
 * INVALID_ARGUMENT as some servers answer) is just not served there: a node without the safety model still
 * serves Stable Diffusion. A failed, late or negative ServerReady, or a ModelReady failing otherwise, fails the
 * poll; the scheduler counts failed polls towards ejection. A ready Stable Diffusion model takes work only once
 * its ModelMetadata matches the platform's contract and a warm-up succeeded ({@link NodeContracts}).
 */
@ApplicationScoped
public class HealthPoller {

    private static final Logger LOG = Logger.getLogger(HealthPoller.class);

    private final NodeRegistry registry;
    private final SlotScheduler scheduler;
    private final BalancerConfig config;
    private final NodeContracts contracts;
    private Cancellable ticks;

    public HealthPoller(NodeRegistry registry, SlotScheduler scheduler, BalancerConfig config,
                        NodeContracts contracts) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.config = config;
        this.contracts = contracts;
    }

    void start(@Observes StartupEvent event) {
        ticks = Multi.createFrom().ticks().every(config.healthInterval())
                .onOverflow().drop()
                .subscribe().with(tick -> pollAll());
        pollAll();
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticks != null) {
            ticks.cancel();
        }
    }

    /** Starts one poll per node; a node whose previous poll is still out is skipped this round. */
    public void pollAll() {
        for (TritonNode node : registry.nodes()) {
            if (node.startPoll()) {
                poll(node.client()).subscribe().with(
                        models -> {
                            node.endPoll();
                            scheduler.pollSucceeded(node.address(), models);
                        },
                        failure -> {
                            node.endPoll();
                            LOG.debugf("poll of %s failed: %s", node.address(), failure.getMessage());
                            contracts.pollFailed(node.address());
                            scheduler.pollFailed(node.address());
                        });
            }
        }
    }

    /**
     * The configured models the node has ready and whose contract checks out ({@link NodeContracts}); fails unless
     * the node says it is ready.
     */
    private Uni<Set<String>> poll(TritonNodeClient client) {
        return client.serverReady(config.healthTimeout()).chain(ready -> ready
                ? readyModels(client).chain(models -> contracts.servable(client, models))
                : Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("not ready").asRuntimeException()));
    }

    private Uni<Set<String>> readyModels(TritonNodeClient client) {
        if (config.models().isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Deadline deadline = Deadline.after(config.healthTimeout().toNanos(), TimeUnit.NANOSECONDS);
        List<Uni<String>> answers = config.models().stream()
                .map(model -> client.modelReady(ModelReadyRequest.newBuilder().setName(model).build(), deadline)
                        .map(ready -> ready ? model : null)
                        .onFailure(HealthPoller::unknownModel).recoverWithNull())
                .toList();
        return Uni.join().all(answers).andFailFast()
                .map(models -> models.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
    }

    private static boolean unknownModel(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT;
    }
}
