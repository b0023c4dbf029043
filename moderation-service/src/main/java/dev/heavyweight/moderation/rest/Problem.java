package dev.heavyweight.moderation.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** An RFC 9457 problem document with a stable {@code type}; never an exception's class or stack trace. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://heavyweight.dev/problems/";

    public static Response invalidRequest(String detail) {
        return response(new Problem(BASE + "invalid-request", "Invalid request", 400, detail));
    }

    public static Response unavailable(String detail, Duration retryAfter) {
        return Response.fromResponse(response(new Problem(BASE + "service-unavailable", "Service unavailable", 503, detail)))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                .build();
    }

    /** A status without a type of its own: {@code https://heavyweight.dev/problems/http-<status>}. */
    public static Response of(int status, String title, String detail) {
        return response(new Problem(BASE + "http-" + status, title, status, detail));
    }

    public static Response internalError() {
        return response(new Problem(BASE + "internal-error", "Internal error", 500,
                "The moderation request could not be completed."));
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
