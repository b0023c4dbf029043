package dev.heavyweight.balancer.economics;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code heavyweight_node_price_per_hour{node,node_class}}, {@code heavyweight_node_power_watts{node,node_class}}
 * (mean power over the last interval), {@code heavyweight_node_energy_joules_total{node,node_class,source}} and
 * {@code heavyweight_node_slots{node,pool}}. A node that leaves takes its series with it.
 */
@Singleton
public class EconomicsMetrics {

    private static final String PRICE = "heavyweight.node.price.per.hour";
    private static final String POWER = "heavyweight.node.power.watts";
    private static final String ENERGY = "heavyweight.node.energy.joules";
    private static final String SLOTS = "heavyweight.node.slots";

    /** What the meters of one node read. */
    private static final class NodeFigures {
        volatile double price;
        volatile double watts;
        volatile Map<String, Integer> slots = Map.of();
        final Map<String, double[]> joules = new ConcurrentHashMap<>();
    }

    private final MeterRegistry registry;
    private final Map<String, NodeFigures> nodes = new ConcurrentHashMap<>();

    EconomicsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accounted(List<NodeSnapshot> present, List<UsageRecord> records, NodeClasses classes) {
        Set<String> addresses = present.stream().map(NodeSnapshot::address).collect(Collectors.toSet());
        for (NodeSnapshot node : present) {
            NodeFigures figures = nodes.computeIfAbsent(node.address(), address -> register(address, classes));
            NodeClasses.Rates rates = classes.rates(node.address());
            figures.price = rates.pricePerGpuHour() * rates.gpus();
            figures.slots = node.pools().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().slots()));
            for (String pool : figures.slots.keySet()) {
                Gauge.builder(SLOTS, figures, f -> f.slots.getOrDefault(pool, 0))
                        .description("Slots (concurrent executions) of a node's pool")
                        .tags("node", node.address(), "pool", pool).register(registry);
            }
        }
        for (UsageRecord record : records) {
            NodeFigures figures = nodes.get(record.node());
            if (figures == null) {
                continue;
            }
            double seconds = (record.periodEnd().toEpochMilli() - record.periodStart().toEpochMilli()) / 1000.0;
            figures.watts = seconds > 0 ? record.energyJoules() / seconds : 0;
            double[] total = figures.joules.computeIfAbsent(record.energySource(), source -> {
                double[] cell = new double[1];
                FunctionCounter.builder(ENERGY, cell, c -> c[0])
                        .description("Energy the node's GPUs used, measured (nv_energy_consumption) or from configured powers")
                        .baseUnit("joules")
                        .tags("node", record.node(), "node_class", record.nodeClass(), "source", source)
                        .register(registry);
                return cell;
            });
            synchronized (total) {
                total[0] += record.energyJoules();
            }
        }
        for (String gone : Set.copyOf(nodes.keySet())) {
            if (!addresses.contains(gone)) {
                nodes.remove(gone);
                for (Meter meter : registry.getMeters()) {
                    if (meter.getId().getName().startsWith("heavyweight.node.") && gone.equals(meter.getId().getTag("node"))) {
                        registry.remove(meter);
                    }
                }
            }
        }
    }

    private NodeFigures register(String node, NodeClasses classes) {
        NodeFigures figures = new NodeFigures();
        String nodeClass = classes.classOf(node);
        Gauge.builder(PRICE, figures, f -> f.price)
                .description("Price of the node per hour (its GPUs × the class's price per GPU-hour)")
                .tags("node", node, "node_class", nodeClass).register(registry);
        Gauge.builder(POWER, figures, f -> f.watts)
                .description("Mean power of the node over the last accounting interval")
                .tags("node", node, "node_class", nodeClass).register(registry);
        return figures;
    }
}
