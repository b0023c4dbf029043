package dev.heavyweight.balancer.service;

import dev.heavyweight.balancer.client.TritonNodeClient;
import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.metrics.BalancerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Triton nodes the balancer knows, in a stable order. Starts from the configured static list; nodes can
 * be added and removed while running (a later DNS discovery does exactly that). Choosing a node and counting
 * the request against it happen together, so two concurrent requests never both see the same idle node.
 */
@ApplicationScoped
public class NodeRegistry {

    private final List<TritonNode> nodes = new CopyOnWriteArrayList<>();
    private final NodeSelector selector = new NodeSelector();
    private final BalancerMetrics metrics;

    public NodeRegistry(BalancerConfig config, BalancerMetrics metrics) {
        this.metrics = metrics;
        config.nodes().forEach(this::add);
    }

    /** Adds a node, not ready until its first successful poll; an address already known is ignored. */
    public synchronized void add(String address) {
        if (find(address).isEmpty()) {
            TritonNode node = new TritonNode(TritonNodeClient.connect(address));
            nodes.add(node);
            metrics.register(node);
        }
    }

    /** Removes a node; requests already forwarded to it finish on their own. */
    public synchronized void remove(String address) {
        find(address).ifPresent(node -> {
            nodes.remove(node);
            metrics.unregister(node);
            node.client().close();
        });
    }

    public List<TritonNode> nodes() {
        return List.copyOf(nodes);
    }

    public List<TritonNode> readyNodes() {
        return nodes.stream().filter(TritonNode::ready).toList();
    }

    /** Picks a ready node not in {@code excluded} and counts one request in flight on it. */
    public Optional<TritonNode> acquire(Set<String> excluded) {
        synchronized (selector) {
            Optional<TritonNode> chosen = selector.select(nodes(), excluded);
            chosen.ifPresent(TritonNode::acquire);
            return chosen;
        }
    }

    public void release(TritonNode node) {
        node.release();
    }

    private Optional<TritonNode> find(String address) {
        return nodes.stream().filter(n -> n.address().equals(address)).findFirst();
    }

    @PreDestroy
    void close() {
        nodes.forEach(node -> node.client().close());
    }
}
