package dev.heavyweight.gateway.rest.tenants;

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

/** The caller's own tenant, and (for admins) any tenant. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
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
    public Uni<TenantView> own() {
        return Uni.createFrom().item(callers::get).flatMap(tenants::own).map(TenantView::of);
    }

    @GET
    @Path("/admin/tenants/{tenant}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<TenantView> any(@PathParam("tenant") String tenant) {
        return tenants.any(tenant).map(TenantView::of);
    }
}
