package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.contracts.status.StatusDocument;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.limits.RateLimitHeaders;
import dev.heavyweight.gateway.metrics.GatewayMetrics;
import dev.heavyweight.gateway.rest.Problem;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The generations API of the calling tenant: submit, poll, cancel, fetch the image. */
@Path("/v1/generations")
@Authenticated
@Tag(name = "generations", description = "Submit, list, poll, cancel and download image generations")
public class GenerationResource {

    private static final String PNG = "image/png";

    private record Accepted(Caller caller, GenerationSpec spec, Optional<String> idempotencyKey) {
    }

    private final GenerationService generations;
    private final GenerationRequestValidator validator;
    private final CurrentCaller callers;
    private final GatewayMetrics metrics;
    private final Duration presignTtl;

    GenerationResource(GenerationService generations, GenerationRequestValidator validator, CurrentCaller callers,
            GatewayMetrics metrics, GatewayConfig config) {
        this.presignTtl = config.presignTtl();
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
    @Operation(summary = "Submit a generation")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the status document", content = @Content(schema = @Schema(implementation = StatusDocument.class)), headers = {@Header(name = "Location"), @Header(name = "RateLimit-Limit"), @Header(name = "RateLimit-Remaining"), @Header(name = "RateLimit-Reset"), @Header(name = "RateLimit-Policy")})
    @APIResponse(responseCode = "200", description = "Replay of an earlier submission with the same Idempotency-Key (Idempotent-Replayed: true)", content = @Content(schema = @Schema(implementation = StatusDocument.class)), headers = {@Header(name = "Idempotent-Replayed"), @Header(name = "Location")})
    @APIResponse(responseCode = "400", description = "invalid-request: a field or the Idempotency-Key header is invalid (errors names them)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "unsupported-media-type: the body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used with a different request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "rate-limited (submission rate) or too-many-unfinished-tasks (cap on unfinished generations)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)), headers = {@Header(name = "Retry-After"), @Header(name = "RateLimit-Limit"), @Header(name = "RateLimit-Remaining"), @Header(name = "RateLimit-Reset"), @Header(name = "RateLimit-Policy")})
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
    @Operation(summary = "List the tenant's generations, newest first")
    @APIResponse(responseCode = "200", description = "One page; pass next_cursor as cursor for the next")
    @APIResponse(responseCode = "400", description = "invalid-request: state, lane, limit or cursor is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
    @Operation(summary = "The status document of a generation")
    @APIResponse(responseCode = "200", description = "The status document; a rejected generation carries reason, reason_detail and moderation (stage, engine, topics[topic, assessed, score, threshold, flagged, engine])")
    @APIResponse(responseCode = "404", description = "not-found: no generation with this id for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StatusDocument> get(@PathParam("id") String id) {
        return Uni.createFrom().item(callers::get).flatMap(caller -> generations.get(caller, id)).map(StatusDocuments::of);
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a generation that has not ended")
    @APIResponse(responseCode = "200", description = "The cancelled generation")
    @APIResponse(responseCode = "404", description = "not-found: no generation with this id for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "conflict: the generation has already ended", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StatusDocument> cancel(@PathParam("id") String id) {
        return Uni.createFrom().item(callers::get).flatMap(caller -> generations.cancel(caller, id)).map(StatusDocuments::of);
    }

    /** The same as POST .../cancel, for clients that model cancelling as deleting. */
    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a generation (alias of POST /v1/generations/{id}/cancel)")
    @APIResponse(responseCode = "200", description = "The cancelled generation")
    @APIResponse(responseCode = "404", description = "not-found: no generation with this id for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "conflict: the generation has already ended", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StatusDocument> delete(@PathParam("id") String id) {
        return cancel(id);
    }

    /**
     * A 302 to a short-lived presigned URL, or the PNG itself when image delivery is "stream". A caller that asks
     * for JSON first ({@code Accept: application/json}) gets the presigned URL in a document instead of a redirect:
     * a browser page sending its token in a header cannot read a cross-origin redirect, but it can show the URL
     * in an {@code <img>}. With delivery "stream" the answer is the PNG whatever was asked.
     */
    @GET
    @Path("/{id}/image")
    @Produces({PNG, MediaType.APPLICATION_JSON})
    @Operation(summary = "The generated PNG: a redirect to a presigned URL (or that URL as JSON), or the bytes")
    @APIResponse(responseCode = "302", description = "Redirect to a short-lived presigned URL", headers = @Header(name = "Location"))
    @APIResponse(responseCode = "200", description = "The PNG (image-delivery=stream), or {\"url\", \"expires_at\"} for Accept: application/json", content = {@Content(mediaType = PNG), @Content(mediaType = MediaType.APPLICATION_JSON)})
    @APIResponse(responseCode = "404", description = "not-found: no generation with this id for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "conflict: the generation has not succeeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "upstream-error: the stored image could not be read", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> image(@PathParam("id") String id, @Context HttpHeaders headers) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        boolean wantsJson = prefersJson(headers);
        return Uni.createFrom().item(callers::get).flatMap(caller -> generations.image(caller, id)).map(delivery -> {
            if (delivery instanceof ImageDelivery.Redirect redirect) {
                if (wantsJson) {
                    return Response.ok(Map.of("url", redirect.url().toString(),
                                    "expires_at", Instant.now().plus(presignTtl).toString()), MediaType.APPLICATION_JSON)
                            .cacheControl(noStore).build();
                }
                return Response.status(Response.Status.FOUND).location(redirect.url()).cacheControl(noStore).build();
            }
            return Response.ok(((ImageDelivery.Png) delivery).bytes(), PNG).build();
        });
    }

    /** JSON named before any image type, and not only through a wildcard. */
    private static boolean prefersJson(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardSubtype()) {
                return true;
            }
            if ("image".equals(type.getType())) {
                return false;
            }
        }
        return false;
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
