package dev.heavyweight.gateway.rest;

import dev.heavyweight.gateway.metrics.GatewayMetrics;
import dev.heavyweight.gateway.service.GenerationService;
import dev.heavyweight.gateway.service.ImageDelivery;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The generations API: submit, poll, cancel, fetch the image. */
@Path("/v1/generations")
public class GenerationResource {

    private static final String PNG = "image/png";

    private final GenerationService generations;
    private final GenerationRequestValidator validator;
    private final GatewayMetrics metrics;

    GenerationResource(GenerationService generations, GenerationRequestValidator validator, GatewayMetrics metrics) {
        this.generations = generations;
        this.validator = validator;
        this.metrics = metrics;
    }

    /** 202 with the status document and its Location; the image comes later (poll the status). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(GenerationRequest request) {
        return Uni.createFrom().item(() -> validator.validate(request))
                .flatMap(generations::submit)
                .onItemOrFailure().invoke((task, failure) ->
                        metrics.recordSubmission(request == null ? null : request.priority(), failure))
                .map(task -> Response.accepted(GenerationStatus.of(task))
                        .header(HttpHeaders.LOCATION, GenerationStatus.path(task.getId()))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GenerationStatus> get(@PathParam("id") String id) {
        return generations.get(id).map(GenerationStatus::of);
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GenerationStatus> cancel(@PathParam("id") String id) {
        return generations.cancel(id).map(GenerationStatus::of);
    }

    /** A 302 to a short-lived presigned URL, or the PNG itself when image delivery is "stream". */
    @GET
    @Path("/{id}/image")
    @Produces({PNG, MediaType.APPLICATION_JSON})
    public Uni<Response> image(@PathParam("id") String id) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return generations.image(id).map(delivery -> {
            if (delivery instanceof ImageDelivery.Redirect redirect) {
                return Response.status(Response.Status.FOUND).location(redirect.url()).cacheControl(noStore).build();
            }
            return Response.ok(((ImageDelivery.Png) delivery).bytes(), PNG).build();
        });
    }
}
