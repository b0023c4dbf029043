package dev.heavyweight.emulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.emulator.grpc.NodeServers;
import dev.heavyweight.emulator.service.EmulatedNode;
import dev.heavyweight.emulator.service.FaultPlan;
import dev.heavyweight.emulator.service.NodeFleet;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Operator's view of the emulated fleet and the knobs tests and benchmarks turn: readiness, injected
 * faults, crashes. Nodes are addressed by index (0 = the node on base-port). Every call here is short;
 * a crash waits for the node's server to close its port, so the endpoints run on worker threads.
 */
@Path("/admin/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    public record Readiness(Boolean ready) {
    }

    /** How long a crash lasts; absent or null = until restored. */
    public record Crash(Long durationMs) {
    }

    private final NodeFleet fleet;
    private final NodeServers servers;
    private final ObjectMapper json;

    AdminResource(NodeFleet fleet, NodeServers servers, ObjectMapper json) {
        this.fleet = fleet;
        this.servers = servers;
        this.json = json;
    }

    @GET
    public List<NodeView> nodes() {
        return fleet.nodes().stream().map(node -> NodeView.of(node, servers)).toList();
    }

    @GET
    @Path("/{index}")
    public NodeView one(@PathParam("index") int index) {
        return NodeView.of(node(index), servers);
    }

    /** Replaces the node's faults; omitted fields are reset (no failures, no hangs, status UNAVAILABLE). */
    @PUT
    @Path("/{index}/faults")
    public NodeView faults(@PathParam("index") int index, FaultsView faults) {
        EmulatedNode node = node(index);
        node.faults().set(faults == null ? FaultPlan.NONE : faults.toPlan());
        return NodeView.of(node, servers);
    }

    /** Marks the node ready or not ready (a not-ready node fails ServerReady and refuses inference). */
    @PUT
    @Path("/{index}/ready")
    public NodeView ready(@PathParam("index") int index, Readiness readiness) {
        if (readiness == null || readiness.ready() == null) {
            throw new IllegalArgumentException("body must be {\"ready\": true|false}");
        }
        EmulatedNode node = node(index);
        node.ready(readiness.ready());
        return NodeView.of(node, servers);
    }

    /**
     * Crashes the node for {@code duration_ms}, or until restored; crashing a crashed node resets its timer.
     * The body is optional and read as JSON whatever its declared type, so a bare {@code curl -X POST} works.
     */
    @POST
    @Path("/{index}/crash")
    @Consumes(MediaType.WILDCARD)
    public NodeView crash(@PathParam("index") int index, String body) throws JsonProcessingException {
        EmulatedNode node = node(index);
        Crash crash = body == null || body.isBlank() ? null : json.readValue(body, Crash.class);
        Long durationMs = crash == null ? null : crash.durationMs();
        if (durationMs != null && durationMs <= 0) {
            throw new IllegalArgumentException("duration_ms must be positive, or omitted to crash until restored; was "
                    + durationMs);
        }
        servers.crash(index, Optional.ofNullable(durationMs).map(Duration::ofMillis));
        return NodeView.of(node, servers);
    }

    /** Brings a crashed node back on its port; restoring a serving node changes nothing. */
    @POST
    @Path("/{index}/restore")
    @Consumes(MediaType.WILDCARD)
    public NodeView restore(@PathParam("index") int index) {
        EmulatedNode node = node(index);
        servers.restore(index);
        return NodeView.of(node, servers);
    }

    private EmulatedNode node(int index) {
        return fleet.node(index).orElseThrow(() -> new NotFoundException("no node " + index + "; this emulator runs "
                + fleet.nodes().size() + " (0 to " + (fleet.nodes().size() - 1) + ")"));
    }
}
