package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.Problem;
import dev.heavyweight.gateway.security.CurrentCaller;
import dev.heavyweight.gateway.service.FeedbackService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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

/** A user's verdict on one of their tenant's generations: stored for task-success and CSAT measures. */
@Path("/v1/generations/{id}/feedback")
@Authenticated
@Tag(name = "generations")
public class FeedbackResource {

    private final FeedbackService feedback;
    private final CurrentCaller callers;

    FeedbackResource(FeedbackService feedback, CurrentCaller callers) {
        this.feedback = feedback;
        this.callers = callers;
    }

    /** 200 with what is now stored (one per user and generation; the last one wins). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store the caller's feedback on a generation")
    @APIResponse(responseCode = "200", description = "The stored feedback")
    @APIResponse(responseCode = "400", description = "invalid-request: accepted, rating (1..5) or comment is invalid, or none is given", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: no generation with this id for this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FeedbackView> put(@PathParam("id") String id, FeedbackRequest request) {
        return Uni.createFrom().item(() -> {
                    if (request == null) {
                        throw new InvalidRequestException("body", "must be a JSON object");
                    }
                    return request.validate();
                })
                .flatMap(input -> feedback.put(callers.get(), id, input))
                .map(FeedbackView::of);
    }
}
