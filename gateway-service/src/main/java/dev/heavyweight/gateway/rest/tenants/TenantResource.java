package dev.heavyweight.gateway.rest.tenants;

import dev.heavyweight.gateway.rest.Problem;
import dev.heavyweight.gateway.security.CurrentCaller;
import dev.heavyweight.gateway.security.Roles;
import dev.heavyweight.gateway.service.TenantService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own tenant, and (for admins) any tenant. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenants", description = "Tiers, limits and usage")
public class TenantResource {

    private final TenantService tenants;
    private final CurrentCaller callers;

    TenantResource(TenantService tenants, CurrentCaller callers) {
        this.tenants = tenants;
        this.callers = callers;
    }

    @GET
    @Path("/tenant")
    @Authenticated
    @Operation(summary = "The caller's tenant: tier, limits, usage and webhook secret")
    @APIResponse(responseCode = "200", description = "The tenant")
    public Uni<TenantView> own() {
        return Uni.createFrom().item(callers::get).flatMap(tenants::own).map(TenantView::of);
    }

    @GET
    @Path("/admin/tenants/{tenant}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Any tenant (role admin)")
    @APIResponse(responseCode = "200", description = "The tenant")
    @APIResponse(responseCode = "403", description = "forbidden: the caller lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: not a tenant name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantView> any(@PathParam("tenant") String tenant) {
        return tenants.any(tenant).map(TenantView::of);
    }
}
