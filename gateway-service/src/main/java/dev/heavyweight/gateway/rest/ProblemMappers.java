package dev.heavyweight.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.heavyweight.gateway.client.IdempotencyKeyReusedException;
import dev.heavyweight.gateway.client.NodeNotFoundException;
import dev.heavyweight.gateway.client.TaskConflictException;
import dev.heavyweight.gateway.client.TaskNotFoundException;
import dev.heavyweight.gateway.client.UpstreamFailureException;
import dev.heavyweight.gateway.client.UpstreamInvalidArgumentException;
import dev.heavyweight.gateway.client.UpstreamUnavailableException;
import dev.heavyweight.gateway.config.GatewayConfig;
import dev.heavyweight.gateway.events.StreamLimitException;
import dev.heavyweight.gateway.limits.LimitExceededException;
import dev.heavyweight.gateway.limits.RateLimitHeaders;
import dev.heavyweight.gateway.limits.RateLimitState;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as a problem document; causes are logged here and never sent. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Duration retryAfter;

    ProblemMappers(GatewayConfig config) {
        this.retryAfter = config.retryAfter();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Problem.response(ProblemType.INVALID_REQUEST, "The request has invalid fields.", e.errors());
    }

    @ServerExceptionMapper
    public Response upstreamInvalid(UpstreamInvalidArgumentException e) {
        return Problem.response(ProblemType.INVALID_REQUEST, "The request has invalid fields.",
                List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response unreadableJson(MismatchedInputException e) {
        return JsonProblems.response(e);
    }

    @ServerExceptionMapper
    public Response notFound(TaskNotFoundException e) {
        return Problem.response(ProblemType.NOT_FOUND, "No generation with this id exists.");
    }

    @ServerExceptionMapper
    public Response nodeNotFound(NodeNotFoundException e) {
        return Problem.response(ProblemType.NOT_FOUND, "The balancer knows no GPU node with this address; GET /v1/admin/nodes lists them.");
    }

    @ServerExceptionMapper
    public Response conflict(TaskConflictException e) {
        return Problem.response(ProblemType.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return Problem.response(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used with a different request; use a new key for a new request.");
    }

    /**
     * For the rate limit the RateLimit-* headers describe the bucket; for the cap on unfinished tasks they
     * describe that cap (nothing remaining, reset when the caller may retry).
     */
    @ServerExceptionMapper
    public Response limitExceeded(LimitExceededException e) {
        boolean rate = e.limit() == LimitExceededException.Limit.RATE;
        Response problem = rate
                ? Problem.response(ProblemType.RATE_LIMITED, "The tenant submits faster than its tier allows; retry after "
                        + e.retryAfterSeconds() + " s.")
                : Problem.response(ProblemType.TOO_MANY_UNFINISHED_TASKS, "The tenant has as many unfinished generations as"
                        + " its tier allows (" + e.state().limit() + "); retry once some have finished.");
        RateLimitState headers = rate ? e.state()
                : new RateLimitState(e.state().limit(), 0, e.retryAfterSeconds() * 1000, 0);
        return RateLimitHeaders.add(Response.fromResponse(problem), headers)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(UpstreamUnavailableException e) {
        return Problem.unavailable("A backend service is temporarily unavailable; retry later.", retryAfter);
    }

    @ServerExceptionMapper
    public Response streamLimit(StreamLimitException e) {
        return Problem.unavailable("This gateway serves as many live streams as it may; retry later.", retryAfter);
    }

    @ServerExceptionMapper
    public Response upstreamFailure(UpstreamFailureException e) {
        return Problem.response(ProblemType.UPSTREAM_ERROR, "A backend service failed to handle the request.");
    }

    /** Routing and content negotiation errors (404, 405, 406, 415) and bodies Jackson could not read. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonProblems.response(json);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            LOG.error("request failed", e);
            return Problem.response(type, "The request could not be handled.");
        }
        return Problem.response(type, HttpProblems.detail(status));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problem.response(ProblemType.INTERNAL_ERROR, "The request could not be handled.");
    }
}
