package dev.heavyweight.balancer.metrics;

import dev.heavyweight.balancer.service.TritonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

/** Per-node dispatch outcomes, in-flight requests and readiness. */
@ApplicationScoped
public class BalancerMetrics {

    private static final String DISPATCHES = "heavyweight.balancer.dispatches";
    private static final String INFLIGHT = "heavyweight.balancer.inflight";
    private static final String NODE_READY = "heavyweight.balancer.node.ready";

    private final MeterRegistry registry;

    public BalancerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void register(TritonNode node) {
        Gauge.builder(INFLIGHT, node, TritonNode::inflight)
                .description("ModelInfer requests forwarded to the node and not finished")
                .tag("node", node.address())
                .register(registry);
        Gauge.builder(NODE_READY, node, n -> n.ready() ? 1 : 0)
                .description("1 when the node's last ServerReady poll answered true")
                .tag("node", node.address())
                .register(registry);
    }

    /** Drops every meter of a node that left the registry. */
    public void unregister(TritonNode node) {
        for (Meter meter : registry.find(DISPATCHES).tags(Tags.of("node", node.address())).meters()) {
            registry.remove(meter);
        }
        for (String name : new String[] {INFLIGHT, NODE_READY}) {
            Meter meter = registry.find(name).tag("node", node.address()).meter();
            if (meter != null) {
                registry.remove(meter);
            }
        }
    }

    /** Counts one forwarded ModelInfer attempt; {@code outcome} is {@code success} or the lower-case gRPC code. */
    public void dispatch(TritonNode node, String outcome) {
        Counter.builder(DISPATCHES)
                .description("ModelInfer attempts forwarded to a node, by outcome")
                .tags("node", node.address(), "outcome", outcome)
                .register(registry)
                .increment();
    }
}
