package dev.heavyweight.gateway.rest;

/** The stable problem types the API answers with (RFC 9457 {@code type} URIs). */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    UNAUTHORIZED("unauthorized", "Unauthorized", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", 422),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    TOO_MANY_UNFINISHED_TASKS("too-many-unfinished-tasks", "Too many unfinished tasks", 429),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    UPSTREAM_ERROR("upstream-error", "Upstream error", 502),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503);

    private static final String BASE = "https://heavyweight.dev/problems/";

    private final String uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = BASE + slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The type for an HTTP error status; statuses without a type of their own count as invalid requests or internal errors. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
