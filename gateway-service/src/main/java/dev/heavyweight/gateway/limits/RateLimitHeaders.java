package dev.heavyweight.gateway.limits;

import jakarta.ws.rs.core.Response;

/**
 * The RateLimit-* response headers (draft-ietf-httpapi-ratelimit-headers, the widely deployed
 * field-per-value form): RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (whole seconds, rounded
 * up) and RateLimit-Policy {@code <burst>;w=<seconds to refill the burst>}.
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    public static final String POLICY = "RateLimit-Policy";

    private RateLimitHeaders() {
    }

    public static Response.ResponseBuilder add(Response.ResponseBuilder response, RateLimitState state) {
        response.header(LIMIT, state.limit())
                .header(REMAINING, Math.max(0, state.remaining()))
                .header(RESET, (Math.max(0, state.resetMs()) + 999) / 1000);
        if (state.windowSeconds() > 0) {
            response.header(POLICY, state.limit() + ";w=" + state.windowSeconds());
        }
        return response;
    }
}
