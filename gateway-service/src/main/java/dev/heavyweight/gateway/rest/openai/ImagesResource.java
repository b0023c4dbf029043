package dev.heavyweight.gateway.rest.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.client.IdempotencyKeyReusedException;
import dev.heavyweight.gateway.client.UpstreamUnavailableException;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.limits.LimitExceededException;
import dev.heavyweight.gateway.limits.RateLimitHeaders;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.generations.IdempotencyKeys;
import dev.heavyweight.gateway.security.CurrentCaller;
import dev.heavyweight.gateway.service.GeneratedImage;
import dev.heavyweight.gateway.service.GenerationEndedException;
import dev.heavyweight.gateway.service.GenerationTimeoutException;
import dev.heavyweight.gateway.service.ImageGenerations;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * OpenAI-compatible {@code POST /v1/images/generations}: a thin translation onto the ordinary generations,
 * answered in OpenAI's shapes so the official clients work with only base URL and API key (the JWT)
 * changed. Every error of this endpoint, authentication included, leaves in OpenAI's envelope (the
 * mappers here apply to this resource only).
 *
 * <p>The official clients retry 408/409/429/5xx and send no idempotency key of their own; without an
 * {@code Idempotency-Key} header a failure after GPU work started says {@code x-should-retry: false}.
 */
@Path("/v1/images/generations")
@Authenticated
@Tag(name = "openai", description = "OpenAI-compatible Images API")
public class ImagesResource {

    private static final Logger LOG = Logger.getLogger(ImagesResource.class);
    /** Honoured by the official clients instead of their own retry rules. */
    static final String SHOULD_RETRY = "x-should-retry";

    private final ImageGenerations images;
    private final ImagesRequestTranslator translator;
    private final CurrentCaller callers;
    private final Duration retryAfter;

    ImagesResource(ImageGenerations images, ImagesRequestTranslator translator, CurrentCaller callers,
            GatewayConfig config) {
        this.images = images;
        this.translator = translator;
        this.callers = callers;
        this.retryAfter = config.retryAfter();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate images and wait for them (OpenAI Images API shape)")
    @APIResponse(responseCode = "200", description = "The images: data[].url (presigned) or data[].b64_json")
    @APIResponse(responseCode = "400", description = "invalid_request_error (param named); content_policy_violation for a blocked prompt", content = @Content(schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "401", description = "invalid_request_error: missing or invalid bearer token", content = @Content(schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "422", description = "idempotency_key_reused", content = @Content(schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "429", description = "requests: rate_limit_exceeded or too_many_unfinished_tasks", content = @Content(schema = @Schema(implementation = OpenAiError.class)), headers = {@Header(name = "Retry-After"), @Header(name = "retry-after-ms")})
    @APIResponse(responseCode = "500", description = "server_error: the generation failed", content = @Content(schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "503", description = "server_error: service_unavailable", content = @Content(schema = @Schema(implementation = OpenAiError.class)), headers = @Header(name = "Retry-After"))
    @APIResponse(responseCode = "504", description = "server_error: timeout (images not ready within heavyweight.gateway.openai.timeout)", content = @Content(schema = @Schema(implementation = OpenAiError.class)))
    public Uni<ImagesResponse> generate(ImagesRequest request, @Context HttpHeaders headers) {
        return Uni.createFrom().item(() -> translator.translate(request))
                .flatMap(call -> images.generate(callers.get(), call.spec(), call.n(),
                        keyOf(headers), call.format()))
                .map(ImagesResource::response);
    }

    private static java.util.Optional<String> keyOf(HttpHeaders headers) {
        try {
            return IdempotencyKeys.parse(headers.getRequestHeader(IdempotencyKeys.HEADER));
        } catch (InvalidRequestException e) {
            throw OpenAiException.invalid(null, "The Idempotency-Key header must be 1 to 255 printable ASCII characters.");
        }
    }

    private static ImagesResponse response(List<GeneratedImage> generated) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new ImagesResponse(System.currentTimeMillis() / 1000, generated.stream()
                .map(image -> image.png() == null
                        ? new ImagesResponse.Image(image.url(), null)
                        : new ImagesResponse.Image(null, base64.encodeToString(image.png())))
                .toList());
    }

    @ServerExceptionMapper
    public Response openAi(OpenAiException e) {
        return OpenAiError.response(e.status(), e.type(), e.code(), e.param(), e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpHeaders headers) {
        return unauthorized(headers);
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, HttpHeaders headers) {
        return unauthorized(headers);
    }

    @ServerExceptionMapper
    public Response ended(GenerationEndedException e, HttpHeaders headers) {
        String reason = e.task().getReason();
        if (e.task().getState() == TaskState.TASK_STATE_REJECTED
                || Reasons.PROMPT_BLOCKED.equals(reason) || Reasons.IMAGE_BLOCKED.equals(reason)) {
            return OpenAiError.response(400, OpenAiError.INVALID_REQUEST, "content_policy_violation",
                    Reasons.IMAGE_BLOCKED.equals(reason) ? null : "prompt",
                    "Your request was rejected by the content policy: " + e.task().getReasonDetail()).build();
        }
        return OpenAiError.response(500, OpenAiError.SERVER_ERROR, reason.isEmpty() ? null : reason, null,
                        "The image generation failed (" + reason + ").")
                .header(SHOULD_RETRY, "false")
                .build();
    }

    @ServerExceptionMapper
    public Response timeout(GenerationTimeoutException e, HttpHeaders headers) {
        Response.ResponseBuilder response = OpenAiError.response(504, OpenAiError.SERVER_ERROR, "timeout", null,
                e.getMessage() + "; retry with the same Idempotency-Key to keep waiting for them.");
        List<String> key = headers.getRequestHeader(IdempotencyKeys.HEADER);
        if (key == null || key.isEmpty()) {
            // A blind retry would pay for the same GPU work again.
            response.header(SHOULD_RETRY, "false");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response limited(LimitExceededException e) {
        boolean rate = e.limit() == LimitExceededException.Limit.RATE;
        Response.ResponseBuilder response = OpenAiError.response(429, "requests",
                rate ? "rate_limit_exceeded" : "too_many_unfinished_tasks", null,
                rate ? "Rate limit reached for image generations; retry after " + e.retryAfterSeconds() + " s."
                        : "Too many unfinished image generations for this tenant; retry once some have finished.");
        if (rate) {
            RateLimitHeaders.add(response, e.state());
        }
        return response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .header("retry-after-ms", Math.max(1000, e.retryAfterMs()))
                .build();
    }

    @ServerExceptionMapper
    public Response reused(IdempotencyKeyReusedException e) {
        return OpenAiError.response(422, OpenAiError.INVALID_REQUEST, "idempotency_key_reused", null,
                "This Idempotency-Key was used with a different request.").build();
    }

    @ServerExceptionMapper
    public Response unavailable(UpstreamUnavailableException e) {
        return OpenAiError.response(503, OpenAiError.SERVER_ERROR, "service_unavailable", null,
                        "The service is temporarily unavailable; retry later.")
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                .build();
    }

    /** Bodies Jackson could not read: the field is named as {@code param}, as OpenAI does. */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        Throwable cause = e.getCause();
        int status = e.getResponse().getStatus();
        if (cause instanceof JsonProcessingException json) {
            return OpenAiError.response(400, OpenAiError.INVALID_REQUEST, null, param(json),
                    json instanceof UnrecognizedPropertyException unknown
                            ? "Unrecognized request argument supplied: " + unknown.getPropertyName()
                            : "The request body is not valid JSON of the Images API shape.").build();
        }
        if (status >= 500) {
            LOG.error("images request failed", e);
            return OpenAiError.response(500, OpenAiError.SERVER_ERROR, null, null, "The request could not be handled.")
                    .build();
        }
        return OpenAiError.response(status, OpenAiError.INVALID_REQUEST, null, null, "The request could not be handled ("
                + status + ").").build();
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return OpenAiError.response(400, OpenAiError.INVALID_REQUEST, null, param(e),
                e instanceof UnrecognizedPropertyException unknown
                        ? "Unrecognized request argument supplied: " + unknown.getPropertyName()
                        : "The request body is not valid JSON of the Images API shape.").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("images request failed", e);
        return OpenAiError.response(500, OpenAiError.SERVER_ERROR, null, null, "The request could not be handled.")
                .header(SHOULD_RETRY, "false").build();
    }

    private static String param(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknown.getPropertyName();
        }
        if (e instanceof JsonMappingException mapping) {
            List<JsonMappingException.Reference> path = mapping.getPath();
            for (int i = path.size() - 1; i >= 0; i--) {
                if (path.get(i).getFieldName() != null) {
                    return path.get(i).getFieldName();
                }
            }
        }
        return null;
    }

    private static Response unauthorized(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean sent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return OpenAiError.response(401, OpenAiError.INVALID_REQUEST, sent ? "invalid_api_key" : null, null, sent
                        ? "Incorrect API key provided: the bearer token is not a valid JWT for this service."
                        : "You didn't provide an API key: send Authorization: Bearer <JWT>.")
                .header(HttpHeaders.WWW_AUTHENTICATE, sent ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
    }
}
