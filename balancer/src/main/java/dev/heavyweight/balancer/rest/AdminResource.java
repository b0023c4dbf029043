package dev.heavyweight.balancer.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.balancer.config.BalancerConfig;
import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import dev.heavyweight.contracts.messages.Lane;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator's view of the balancer: every node's state and load per slot pool, the admission queues, the active
 * policy, and draining a node by hand ({@code POST …/drain}; {@code DELETE …/drain} takes it back). A node's
 * {@code slots}, {@code capacity}, {@code in_flight} and {@code busy_seconds} are those of its shared pool;
 * {@code pools} has every pool.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    public record NodeView(String address, String state, int slots, int capacity,
            @JsonProperty("in_flight") int inFlight, @JsonProperty("ready_models") Set<String> readyModels,
            @JsonProperty("service_time_seconds") Map<String, Double> serviceTimeSeconds,
            long dispatched, long failed, long ejections, @JsonProperty("busy_seconds") double busySeconds,
            Map<String, PoolView> pools) {
    }

    public record PoolView(int slots, int capacity, @JsonProperty("in_flight") int inFlight,
            @JsonProperty("busy_seconds") double busySeconds) {
    }

    /** Waiting requests over all pools, each pool's bound ({@code max-queue}), and each pool's own counts. */
    public record QueueView(int interactive, int batch, int capacity, Map<String, LaneDepths> pools) {
    }

    public record LaneDepths(int interactive, int batch) {
    }

    public record PolicyView(String policy, @JsonProperty("waits_for_free_slot") boolean waitsForFreeSlot) {
    }

    private final SlotScheduler scheduler;
    private final BalancerConfig config;

    AdminResource(SlotScheduler scheduler, BalancerConfig config) {
        this.scheduler = scheduler;
        this.config = config;
    }

    @GET
    @Path("/nodes")
    public List<NodeView> nodes() {
        return scheduler.nodes().stream().map(AdminResource::view).toList();
    }

    @GET
    @Path("/nodes/{address}")
    public NodeView node(@PathParam("address") String address) {
        return view(scheduler.node(address).orElseThrow(() -> unknown(address)));
    }

    /** No new work for the node; requests in flight finish. */
    @POST
    @Path("/nodes/{address}/drain")
    public NodeView drain(@PathParam("address") String address) {
        return drained(address, true);
    }

    @DELETE
    @Path("/nodes/{address}/drain")
    public NodeView undrain(@PathParam("address") String address) {
        return drained(address, false);
    }

    @GET
    @Path("/queue")
    public QueueView queue() {
        Map<String, LaneDepths> pools = new LinkedHashMap<>();
        for (String pool : scheduler.pools()) {
            pools.put(pool, new LaneDepths(scheduler.queueDepth(pool, Lane.INTERACTIVE),
                    scheduler.queueDepth(pool, Lane.BATCH)));
        }
        return new QueueView(scheduler.queueDepth(Lane.INTERACTIVE), scheduler.queueDepth(Lane.BATCH),
                scheduler.queueCapacity(), pools);
    }

    @GET
    @Path("/policy")
    public PolicyView policy() {
        return new PolicyView(config.policy().configName(), scheduler.waitsForFreeSlot());
    }

    private NodeView drained(String address, boolean drained) {
        if (!scheduler.drain(address, drained)) {
            throw unknown(address);
        }
        return node(address);
    }

    private static NotFoundException unknown(String address) {
        return new NotFoundException("no node " + address + "; GET /admin/nodes lists the known nodes");
    }

    private static NodeView view(NodeSnapshot node) {
        Map<String, PoolView> pools = new LinkedHashMap<>();
        node.pools().forEach((name, pool) -> pools.put(name,
                new PoolView(pool.slots(), pool.capacity(), pool.inflight(), pool.busySeconds())));
        return new NodeView(node.address(), node.state(), node.slots(), node.capacity(), node.inflight(),
                new TreeSet<>(node.readyModels()), node.serviceSeconds(), node.dispatched(), node.failed(), node.ejections(),
                node.busySeconds(), pools);
    }
}
