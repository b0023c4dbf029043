package dev.heavyweight.balancer.economics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What one node cost over one accounting interval.
 *
 * @param seq           position in this balancer's ledger (1, 2, …; one seq covers every node of an interval)
 * @param busySeconds   slot time of the requests that finished on the node in the interval
 * @param energyJoules  from the node's {@code nv_energy_consumption} when {@code energySource} is {@code measured},
 *                      else from the class's busy and idle powers ({@code configured})
 * @param cost          price per GPU-hour × GPUs × the interval, busy or not
 */
public record UsageRecord(
        long seq,
        String node,
        @JsonProperty("node_class") String nodeClass,
        @JsonProperty("period_start") Instant periodStart,
        @JsonProperty("period_end") Instant periodEnd,
        int gpus,
        @JsonProperty("busy_seconds") double busySeconds,
        @JsonProperty("energy_joules") double energyJoules,
        @JsonProperty("energy_source") String energySource,
        double cost) {

    public static final String MEASURED = "measured";
    public static final String CONFIGURED = "configured";
}
