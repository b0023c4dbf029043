package dev.heavyweight.balancer.economics;

import jakarta.inject.Singleton;

/** A node's class and that class's price and powers, with the defaults filled in. */
@Singleton
public class NodeClasses {

    /** The figures of one class. */
    public record Rates(String name, double pricePerGpuHour, double busyWatts, double idleWatts, int gpus) {
    }

    private final EconomicsConfig config;

    NodeClasses(EconomicsConfig config) {
        this.config = config;
    }

    public String classOf(String node) {
        return config.nodeClass().getOrDefault(node, config.defaultClass());
    }

    public Rates rates(String node) {
        String name = classOf(node);
        EconomicsConfig.NodeClass own = config.classes().get(name);
        if (own == null) {
            return new Rates(name, config.pricePerGpuHour(), config.busyWatts(), config.idleWatts(), config.gpusPerNode());
        }
        return new Rates(name,
                own.pricePerGpuHour().orElse(config.pricePerGpuHour()),
                own.busyWatts().orElse(config.busyWatts()),
                own.idleWatts().orElse(config.idleWatts()),
                own.gpusPerNode().orElse(config.gpusPerNode()));
    }

    public String currency() {
        return config.currency();
    }
}
