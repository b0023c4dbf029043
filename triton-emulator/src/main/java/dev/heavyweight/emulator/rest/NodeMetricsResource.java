package dev.heavyweight.emulator.rest;

import dev.heavyweight.emulator.metrics.TritonMetricsWriter;
import dev.heavyweight.emulator.service.NodeFleet;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Each node's Triton-style Prometheus metrics, as Triton serves them on its metrics port. */
@Path("/nodes/{index}/metrics")
public class NodeMetricsResource {

    private final NodeFleet fleet;

    NodeMetricsResource(NodeFleet fleet) {
        this.fleet = fleet;
    }

    @GET
    public Response metrics(@PathParam("index") int index) {
        return fleet.node(index)
                .map(node -> Response.ok(TritonMetricsWriter.write(node), TritonMetricsWriter.CONTENT_TYPE).build())
                .orElseThrow(() -> new NotFoundException("no node " + index + "; this emulator runs "
                        + fleet.nodes().size()));
    }
}
