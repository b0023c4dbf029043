package dev.heavyweight.balancer.economics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the fleet costs: each node belongs to a class with a price per GPU-hour and, for nodes that do not export
 * their energy counter, a busy and an idle power. Classes not listed under {@code classes} use the top-level
 * price and powers. The balancer accounts every node interval by interval ({@link UsageLedger}).
 */
@ConfigMapping(prefix = "heavyweight.economics")
public interface EconomicsConfig {

    /** Currency of every price (reported as is; no conversion). */
    @WithDefault("USD")
    String currency();

    /** Length of one accounting interval. */
    @WithDefault("10s")
    Duration interval();

    /** Intervals kept for collectors (task-service) that fell behind; older ones are dropped. */
    @WithDefault("6h")
    Duration retention();

    /** Class of a node not named in {@code node-class}. */
    @WithDefault("emulated-gpu")
    String defaultClass();

    /** Node address ({@code host:port}, as in {@code heavyweight.balancer.nodes}) → class. */
    Map<String, String> nodeClass();

    /** Per-class price and powers; a class missing here, or a value missing in it, takes the defaults below. */
    Map<String, NodeClass> classes();

    /** Price of one GPU-hour of a node class without its own price. */
    @WithDefault("2.0")
    double pricePerGpuHour();

    /** Power of a GPU while it computes, for nodes that do not export {@code nv_energy_consumption}. */
    @WithDefault("300")
    double busyWatts();

    /** Power of an idle GPU, for nodes that do not export {@code nv_energy_consumption}. */
    @WithDefault("60")
    double idleWatts();

    /** GPUs per node of a class without its own count. */
    @WithDefault("1")
    int gpusPerNode();

    /**
     * Where a node's Triton metrics ({@code nv_energy_consumption}) are read: {@code {host}} is replaced by the
     * node's host, e.g. {@code http://{host}:8002/metrics} (Triton's default port). Unset: only {@code
     * metrics-url} entries are read; other nodes use the configured powers.
     */
    Optional<String> metricsUrlTemplate();

    /** Node address → its metrics URL, overriding the template (the emulator serves one per node). */
    Map<String, String> metricsUrl();

    /** Deadline of one metrics read; a node that does not answer in time is estimated for that interval. */
    @WithDefault("2s")
    Duration metricsTimeout();

    interface NodeClass {
        OptionalDouble pricePerGpuHour();

        OptionalDouble busyWatts();

        OptionalDouble idleWatts();

        Optional<Integer> gpusPerNode();
    }
}
