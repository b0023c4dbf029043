package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.config.ModelContractConfig;
import dev.heavyweight.contracts.kserve.ModelMetadataRequest;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelContract;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.contracts.models.WarmUp;
import io.grpc.Deadline;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether each node serves each Stable Diffusion model as the platform calls it ({@link ModelContract}): on every
 * poll the node's ModelMetadata of each ready model is compared with the contract, and the first time it checks
 * out a warm-up inference ({@link WarmUp}) must succeed too. Only models that pass take work on the node, so a node
 * with a broken model repository or a driver too old for its Triton image stays out of rotation for that model
 * (its other models still serve). A failed poll forgets the warm-up: a node back from a restart warms up again.
 * Models without a contract (the safety model) are not checked. Each change is logged once, with the differences.
 */
@ApplicationScoped
public class NodeContracts {

    private static final Logger LOG = Logger.getLogger(NodeContracts.class);

    /** Where one node stands with one model. */
    public record ContractStatus(boolean ok, String detail) {

        static final ContractStatus MATCHES = new ContractStatus(true, "ok");
        static final ContractStatus NOT_READY = new ContractStatus(false, "model not ready");
        static final ContractStatus UNCHECKED = new ContractStatus(false, "not checked since the node's last failed poll");

        static ContractStatus mismatch(List<String> differences) {
            return new ContractStatus(false, "contract mismatch: " + String.join("; ", differences));
        }
    }

    private record Key(String node, String model) {
    }

    private final BalancerConfig balancer;
    private final ModelContractConfig config;
    private final MeterRegistry registry;
    private final Map<Key, ContractStatus> statuses = new ConcurrentHashMap<>();
    private final Map<Key, Integer> mismatches = new ConcurrentHashMap<>();
    private final Set<Key> warmedUp = ConcurrentHashMap.newKeySet();

    public NodeContracts(BalancerConfig balancer, ModelContractConfig config, MeterRegistry registry) {
        this.balancer = balancer;
        this.config = config;
        this.registry = registry;
    }

    /** Of the models ready on the node, those that may take work: no contract, or contract and warm-up passed. */
    Uni<Set<String>> servable(TritonNodeClient client, Set<String> readyModels) {
        if (!config.enabled()) {
            return Uni.createFrom().item(readyModels);
        }
        statuses.keySet().stream()
                .filter(key -> key.node().equals(client.address()) && !readyModels.contains(key.model()))
                .forEach(key -> {
                    warmedUp.remove(key);
                    record(key, ContractStatus.NOT_READY, 0);
                });
        if (readyModels.isEmpty()) {
            return Uni.createFrom().item(readyModels);
        }
        List<Uni<String>> checks = readyModels.stream().map(model -> ModelContract.find(model)
                        .map(contract -> check(client, contract).map(ok -> ok ? model : null))
                        .orElseGet(() -> Uni.createFrom().item(model)))
                .toList();
        return Uni.join().all(checks).andFailFast()
                .map(models -> models.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
    }

    /** A failed poll: the node may have restarted, so each of its models warms up again before taking work. */
    void pollFailed(String node) {
        warmedUp.removeIf(key -> key.node().equals(node));
        statuses.keySet().stream().filter(key -> key.node().equals(node))
                .forEach(key -> record(key, ContractStatus.UNCHECKED, 0));
    }

    /** Forgets a node that left, with its gauges. */
    void forget(String node) {
        statuses.keySet().removeIf(key -> key.node().equals(node));
        mismatches.keySet().removeIf(key -> key.node().equals(node));
        warmedUp.removeIf(key -> key.node().equals(node));
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (meter.getId().getName().startsWith("heavyweight.model.contract.")
                    && node.equals(meter.getId().getTag("node"))) {
                registry.remove(meter);
            }
        }
    }

    /** Every checked node and model, as {@code node/model} to {@code ok} or what is wrong, in order. */
    public Map<String, String> statuses() {
        Map<String, String> view = new TreeMap<>();
        statuses.forEach((key, status) -> view.put(key.node() + "/" + key.model(), status.detail()));
        return view;
    }

    public Optional<ContractStatus> status(String node, String model) {
        return Optional.ofNullable(statuses.get(new Key(node, model)));
    }

    private Uni<Boolean> check(TritonNodeClient client, ModelContract contract) {
        Key key = new Key(client.address(), contract.model());
        Deadline metadataDeadline = Deadline.after(balancer.healthTimeout().toNanos(), TimeUnit.NANOSECONDS);
        return client.modelMetadata(ModelMetadataRequest.newBuilder().setName(contract.model()).build(),
                        metadataDeadline)
                .chain(metadata -> {
                    List<String> differences = contract.differences(metadata);
                    if (!differences.isEmpty()) {
                        warmedUp.remove(key);
                        record(key, ContractStatus.mismatch(differences), differences.size());
                        return Uni.createFrom().item(false);
                    }
                    return warmedUp.contains(key) ? Uni.createFrom().item(true) : warmUp(client, key);
                });
    }

    private Uni<Boolean> warmUp(TritonNodeClient client, Key key) {
        ModelSpec model = ModelCatalog.find(key.model()).orElseThrow();
        Deadline deadline = Deadline.after(config.warmUpTimeout().toNanos(), TimeUnit.NANOSECONDS);
        return client.infer(WarmUp.request(model), deadline)
                .map(response -> WarmUp.problem(model, response))
                .onFailure().recoverWithItem(failure -> Optional.of(describe(failure)))
                .map(problem -> {
                    if (problem.isPresent()) {
                        record(key, new ContractStatus(false, "warm-up failed: " + problem.get()), 0);
                        return false;
                    }
                    warmedUp.add(key);
                    record(key, ContractStatus.MATCHES, 0);
                    return true;
                });
    }

    private void record(Key key, ContractStatus status, int differences) {
        if (!statuses.containsKey(key)) {
            register(key);
        }
        mismatches.put(key, differences);
        ContractStatus previous = statuses.put(key, status);
        if (status.equals(previous)) {
            return;
        }
        if (status.ok()) {
            LOG.infof("Triton node %s model %s: contract checks out and warm-up succeeded", key.node(), key.model());
        } else if (status == ContractStatus.NOT_READY || status == ContractStatus.UNCHECKED) {
            LOG.debugf("Triton node %s model %s: %s", key.node(), key.model(), status.detail());
        } else {
            LOG.warnf("Triton node %s model %s takes no work: %s", key.node(), key.model(), status.detail());
        }
    }

    private void register(Key key) {
        Gauge.builder("heavyweight.model.contract.ready", statuses,
                        s -> Optional.ofNullable(s.get(key)).map(st -> st.ok() ? 1.0 : 0.0).orElse(0.0))
                .description("1 while the node's model matches the platform's contract and warmed up")
                .tags("node", key.node(), "model", key.model())
                .register(registry);
        Gauge.builder("heavyweight.model.contract.mismatches", mismatches,
                        m -> m.getOrDefault(key, 0))
                .description("Differences between the node's ModelMetadata and the platform's contract")
                .tags("node", key.node(), "model", key.model())
                .register(registry);
    }

    private static String describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + ": " + status.getDescription();
    }
}
