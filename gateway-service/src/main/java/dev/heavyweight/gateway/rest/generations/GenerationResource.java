package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.contracts.status.StatusDocument;
import dev.heavyweight.gateway.limits.RateLimitHeaders;
import dev.heavyweight.gateway.metrics.GatewayMetrics;
import dev.heavyweight.gateway.security.Caller;
import dev.heavyweight.gateway.security.CurrentCaller;
import dev.heavyweight.gateway.service.GenerationService;
import dev.heavyweight.gateway.service.GenerationSpec;
import dev.heavyweight.gateway.service.ImageDelivery;
import dev.heavyweight.gateway.service.StatusDocuments;
import dev.heavyweight.gateway.service.Submission;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** The generations API of the calling tenant: submit, poll, cancel, fetch the image. */
@Path("/v1/generations")
@Authenticated
public class GenerationResource {

    private static final String PNG = "image/png";

    private record Accepted(Caller caller, GenerationSpec spec, Optional<String> idempotencyKey) {
    }

    private final GenerationService generations;
    private final GenerationRequestValidator validator;
    private final CurrentCaller callers;
    private final GatewayMetrics metrics;

    GenerationResource(GenerationService generations, GenerationRequestValidator validator, CurrentCaller callers,
            GatewayMetrics metrics) {
        this.generations = generations;
        this.validator = validator;
        this.callers = callers;
        this.metrics = metrics;
    }

    /**
     * 202 with the status document and its Location; the image comes later (poll, or stream the events).
     * A repeat with the same Idempotency-Key answers 200 with the original task and Idempotent-Replayed.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(GenerationRequest request, @Context HttpHeaders headers) {
        return Uni.createFrom().item(() -> new Accepted(callers.get(), validator.validate(request),
                        IdempotencyKeys.parse(headers.getRequestHeader(IdempotencyKeys.HEADER))))
                .flatMap(accepted -> generations.submit(accepted.caller(), accepted.spec(), accepted.idempotencyKey()))
                .onItemOrFailure().invoke((submission, failure) ->
                        metrics.recordSubmission(request == null ? null : request.priority(), submission, failure))
                .map(GenerationResource::accepted);
    }

    /** The caller's tenant's generations, newest first; filters and page size are checked before any call. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GenerationPage> list(@QueryParam("state") String state, @QueryParam("lane") String lane,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return Uni.createFrom().item(() -> ListParameters.parse(state, lane, limit, cursor))
                .flatMap(query -> generations.list(callers.get(), query))
                .map(page -> new GenerationPage(page.getTasksList().stream().map(StatusDocuments::of).toList(),
                        page.getNextCursor().isEmpty() ? null : page.getNextCursor()));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<StatusDocument> get(@PathParam("id") String id) {
        return Uni.createFrom().item(callers::get).flatMap(caller -> generations.get(caller, id)).map(StatusDocuments::of);
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<StatusDocument> cancel(@PathParam("id") String id) {
        return Uni.createFrom().item(callers::get).flatMap(caller -> generations.cancel(caller, id)).map(StatusDocuments::of);
    }

    /** The same as POST .../cancel, for clients that model cancelling as deleting. */
    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<StatusDocument> delete(@PathParam("id") String id) {
        return cancel(id);
    }

    /** A 302 to a short-lived presigned URL, or the PNG itself when image delivery is "stream". */
    @GET
    @Path("/{id}/image")
    @Produces({PNG, MediaType.APPLICATION_JSON})
    public Uni<Response> image(@PathParam("id") String id) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Uni.createFrom().item(callers::get).flatMap(caller -> generations.image(caller, id)).map(delivery -> {
            if (delivery instanceof ImageDelivery.Redirect redirect) {
                return Response.status(Response.Status.FOUND).location(redirect.url()).cacheControl(noStore).build();
            }
            return Response.ok(((ImageDelivery.Png) delivery).bytes(), PNG).build();
        });
    }

    private static Response accepted(Submission submission) {
        StatusDocument document = StatusDocuments.of(submission.task());
        Response.ResponseBuilder response = submission.replayed()
                ? Response.ok(document).header(IdempotencyKeys.REPLAYED_HEADER, "true")
                : Response.accepted(document);
        response.header(HttpHeaders.LOCATION, StatusDocument.path(submission.task().getId()));
        if (submission.rateLimit() != null) {
            RateLimitHeaders.add(response, submission.rateLimit());
        }
        return response.build();
    }
}
