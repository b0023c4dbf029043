package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.metrics.BalancerMetrics;
import dev.heavyweight.balancer.scheduler.NodeEvents;
import dev.heavyweight.balancer.scheduler.NodeHealth;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections to the Triton nodes the balancer knows. Adding a node opens its channel and enters it in
 * the scheduler; removing one asks the scheduler to drain it, and its channel closes only once the scheduler
 * reports it gone (its last request finished).
 */
@ApplicationScoped
public class NodeRegistry implements NodeEvents {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class);

    private final Map<String, TritonNode> nodes = new ConcurrentHashMap<>();
    private final SlotScheduler scheduler;
    private final BalancerMetrics metrics;
    private final BalancerConfig config;
    private final NodeContracts contracts;

    public NodeRegistry(SlotScheduler scheduler, BalancerMetrics metrics, BalancerConfig config,
                        NodeContracts contracts) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.config = config;
        this.contracts = contracts;
    }

    /** Adds a node (taking work after its first good poll); a node draining to leave is kept after all. */
    public synchronized void add(String address) {
        if (!nodes.containsKey(address)) {
            nodes.put(address, new TritonNode(TritonNodeClient.connect(address)));
            metrics.register(address);
            LOG.infof("Triton node %s added", address);
        }
        scheduler.addNode(address, config.nodeSlots().getOrDefault(address, config.slotsPerNode()));
    }

    /** Drains a node out: no new work, requests in flight finish, then it is forgotten. */
    public void remove(String address) {
        scheduler.removeNode(address);
    }

    public List<TritonNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<TritonNodeClient> client(String address) {
        return Optional.ofNullable(nodes.get(address)).map(TritonNode::client);
    }

    @Override
    public void healthChanged(String node, NodeHealth from, NodeHealth to) {
        LOG.infof("Triton node %s: %s -> %s", node, from, to);
        if (to == NodeHealth.EJECTED) {
            metrics.ejected(node);
        }
    }

    @Override
    public synchronized void removed(String address) {
        if (scheduler.node(address).isPresent()) {
            return;
        }
        TritonNode node = nodes.remove(address);
        if (node != null) {
            metrics.unregister(address);
            contracts.forget(address);
            node.client().close();
            LOG.infof("Triton node %s removed", address);
        }
    }

    @PreDestroy
    void close() {
        nodes.values().forEach(node -> node.client().close());
    }
}
