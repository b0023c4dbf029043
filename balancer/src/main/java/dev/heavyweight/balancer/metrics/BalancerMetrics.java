package dev.heavyweight.balancer.metrics;

import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.PoolSnapshot;
import dev.heavyweight.balancer.scheduler.Refusal;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.messages.Lane;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Admission queues, per-node load, state and outcomes, read from the scheduler or counted as they happen. Queue and
 * load meters carry a {@code pool} tag ({@code shared}, or the model with slots of its own); health and outcome
 * meters are per node, as ejection is.
 */
@ApplicationScoped
public class BalancerMetrics {

    private static final String PREFIX = "heavyweight.balancer.";
    private static final List<String> STATES = List.of("joining", "ready", "readmitting", "ejected", "draining");

    private final MeterRegistry registry;
    private final SlotScheduler scheduler;
    private final BalancerConfig config;

    public BalancerMetrics(MeterRegistry registry, SlotScheduler scheduler, BalancerConfig config) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.config = config;
        for (String pool : scheduler.pools()) {
            for (Lane lane : Lane.values()) {
                Gauge.builder(PREFIX + "queue.depth", () -> scheduler.queueDepth(pool, lane))
                        .description("Requests waiting in the balancer for a free slot")
                        .tags("lane", lane.routingKey(), "pool", pool)
                        .register(registry);
            }
        }
    }

    /** Gauges and counters read from the scheduler for one node. */
    public void register(String node) {
        for (String pool : scheduler.pools()) {
            poolGauge("inflight", node, pool, "ModelInfer requests on the node", PoolSnapshot::inflight);
            poolGauge("node.busy.ratio", node, pool, "Requests in flight per slot (above 1: the node queues)",
                    p -> (double) p.inflight() / p.slots());
            FunctionCounter.builder(PREFIX + "node.busy", scheduler,
                            s -> s.node(node).map(n -> n.pool(pool).busySeconds()).orElse(0.0))
                    .description("Slot time used by finished requests; rate / slots = utilisation")
                    .baseUnit("seconds")
                    .tags("node", node, "pool", pool)
                    .register(registry);
        }
        // Zero from the start, so "ejections in the last hour" has a series before the first ejection.
        Counter.builder(PREFIX + "ejections").description("Times the node was ejected after consecutive failures")
                .tags("node", node).register(registry);
        Gauge.builder(PREFIX + "node.ready", () -> snapshot(node, s -> s.accepting() ? 1 : 0))
                .description("1 while the node takes new work")
                .tag("node", node)
                .register(registry);
        for (String state : STATES) {
            Gauge.builder(PREFIX + "node.state", () -> snapshot(node, s -> s.state().equals(state) ? 1 : 0))
                    .description("1 for the node's current state")
                    .tags("node", node, "state", state)
                    .register(registry);
        }
        for (String model : config.models()) {
            Gauge.builder(PREFIX + "service.time", () -> snapshot(node, s -> s.serviceSeconds().get(model)))
                    .description("Expected service time of the node for the model (EWMA of finished requests)")
                    .baseUnit("seconds")
                    .tags("node", node, "model", model)
                    .register(registry);
        }
    }

    /** Drops every meter of a node that has left. */
    public void unregister(String node) {
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (meter.getId().getName().startsWith(PREFIX) && node.equals(meter.getId().getTag("node"))) {
                registry.remove(meter);
            }
        }
    }

    /** One ModelInfer attempt on a node; {@code outcome} is {@code success}, {@code cancelled} or the gRPC code. */
    public void dispatch(String node, String outcome) {
        counter("dispatches", "ModelInfer attempts forwarded to a node, by outcome", "node", node, "outcome", outcome);
    }

    public void failure(String node, String code) {
        counter("failures", "ModelInfer attempts a node answered with an error, by gRPC code", "node", node, "code", code);
    }

    public void ejected(String node) {
        counter("ejections", "Times the node was ejected after consecutive failures", "node", node);
    }

    public void refused(Lane lane, String pool, Refusal refusal) {
        counter("rejections", "Requests refused without reaching a node, by reason",
                "lane", lane.routingKey(), "pool", pool, "reason", refusal.name().toLowerCase(Locale.ROOT));
    }

    public void cancelledWhileWaiting(Lane lane, String pool) {
        counter("queue.cancelled", "Requests whose caller went away while they waited for a slot",
                "lane", lane.routingKey(), "pool", pool);
    }

    public void queueWait(Lane lane, String pool, long nanos) {
        Timer.builder(PREFIX + "queue.wait")
                .description("Time from arrival (or a retry) to dispatch on a node")
                .tags("lane", lane.routingKey(), "pool", pool)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private void poolGauge(String name, String node, String pool, String description,
                           Function<PoolSnapshot, Number> value) {
        Gauge.builder(PREFIX + name, () -> snapshot(node, s -> value.apply(s.pool(pool))))
                .description(description)
                .tags("node", node, "pool", pool)
                .register(registry);
    }

    private Number snapshot(String node, Function<NodeSnapshot, Number> value) {
        return scheduler.node(node).map(value).orElse(null);
    }

    private void counter(String name, String description, String... tags) {
        Counter.builder(PREFIX + name).description(description).tags(tags).register(registry).increment();
    }
}
