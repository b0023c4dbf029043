package dev.heavyweight.gateway.rest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heavyweight.gateway.client.BalancerAdminClient;
import dev.heavyweight.gateway.rest.Problem;
import dev.heavyweight.gateway.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The GPU nodes as the balancer sees them, and draining one (role admin): the balancer's admin API, which answers
 * only its trusted peers, reached through the gateway so that an SRE needs a token rather than a port-forward.
 * The documents are the balancer's own ({@code balancer/README.md}: address, state, slots, capacity, in_flight,
 * ready_models, service_time_seconds, dispatched, failed, ejections, busy_seconds, pools).
 */
@Path("/v1/admin/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class NodesResource {

    private final BalancerAdminClient balancer;

    NodesResource(BalancerAdminClient balancer) {
        this.balancer = balancer;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every GPU node: state, in-flight work per slot, EWMA service time, ejections (role admin)")
    @APIResponse(responseCode = "200", description = "{\"nodes\": [...], \"queue\": the balancer's admission queue}")
    @APIResponse(responseCode = "403", description = "forbidden: the caller lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "service-unavailable: the balancer cannot be reached", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JsonNode> nodes() {
        return Uni.combine().all().unis(balancer.nodes(), balancer.queue()).asTuple().map(both -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set("nodes", both.getItem1());
            out.set("queue", both.getItem2());
            return out;
        });
    }

    @POST
    @Path("/{address}/drain")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Drain a node: no new work, in-flight work finishes (role admin)")
    @APIResponse(responseCode = "200", description = "The node, now draining")
    @APIResponse(responseCode = "404", description = "not-found: the balancer knows no such node", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JsonNode> drain(@PathParam("address") String address) {
        return balancer.drain(address, true);
    }

    @DELETE
    @Path("/{address}/drain")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Take a drained node back (role admin)")
    @APIResponse(responseCode = "200", description = "The node, taking work again once healthy")
    @APIResponse(responseCode = "404", description = "not-found: the balancer knows no such node", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JsonNode> undrain(@PathParam("address") String address) {
        return balancer.drain(address, false);
    }
}
