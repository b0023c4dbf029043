package dev.heavyweight.emulator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.NodeFaults;
import dev.heavyweight.emulator.service.NodeFleet;
import io.grpc.Status;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/**
 * Operator's view of the emulated fleet and the knobs tests and benchmarks turn: readiness of a node
 * and the faults injected into it. Nodes are addressed by index (0 = the node on base-port).
 */
@Path("/admin/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    public record NodeView(int index, String name, boolean ready, int slots, double speed,
            @JsonProperty("busy_slots") int busySlots, int queued, Faults faults) {
    }

    public record Faults(@JsonProperty("fail_next") Integer failNext, @JsonProperty("fail_rate") Double failRate,
            String status) {
    }

    public record Readiness(Boolean ready) {
    }

    private final NodeFleet fleet;

    AdminResource(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @GET
    public List<NodeView> nodes() {
        List<EmulatedNode> nodes = fleet.nodes();
        return java.util.stream.IntStream.range(0, nodes.size()).mapToObj(i -> view(i, nodes.get(i))).toList();
    }

    @GET
    @Path("/{index}")
    public NodeView node(@PathParam("index") int index) {
        return view(index, node(index, fleet));
    }

    /** Replaces the node's faults; omitted fields are reset (no failures, status UNAVAILABLE). */
    @PUT
    @Path("/{index}/faults")
    public NodeView faults(@PathParam("index") int index, Faults faults) {
        EmulatedNode node = node(index, fleet);
        Faults wanted = faults == null ? new Faults(null, null, null) : faults;
        node.faults().set(
                wanted.failNext() == null ? 0 : wanted.failNext(),
                wanted.failRate() == null ? 0 : wanted.failRate(),
                status(wanted.status()));
        return view(index, node);
    }

    /** Marks the node ready or not ready (a not-ready node fails ServerReady and refuses inference). */
    @PUT
    @Path("/{index}/ready")
    public NodeView ready(@PathParam("index") int index, Readiness readiness) {
        if (readiness == null || readiness.ready() == null) {
            throw new IllegalArgumentException("body must be {\"ready\": true|false}");
        }
        EmulatedNode node = node(index, fleet);
        node.ready(readiness.ready());
        return view(index, node);
    }

    private static Status.Code status(String name) {
        if (name == null || name.isBlank()) {
            return Status.Code.UNAVAILABLE;
        }
        try {
            return Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be a gRPC status code name such as UNAVAILABLE, was " + name);
        }
    }

    private static EmulatedNode node(int index, NodeFleet fleet) {
        if (index < 0 || index >= fleet.nodes().size()) {
            throw new NotFoundException("no node " + index + "; this emulator runs " + fleet.nodes().size());
        }
        return fleet.nodes().get(index);
    }

    private static NodeView view(int index, EmulatedNode node) {
        NodeFaults faults = node.faults();
        return new NodeView(index, node.name(), node.ready(), node.slots(), node.speed(), node.busySlots(),
                node.queued(), new Faults(faults.failNext(), faults.failRate(), faults.status().name()));
    }
}
