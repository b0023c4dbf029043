package dev.heavyweight.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document; {@code errors} lists invalid fields and is left out when there are none. */
@Schema(name = "Problem", description = "RFC 9457 problem details. type is https://heavyweight.dev/problems/ + one of: "
        + "invalid-request, unauthorized, forbidden, not-found, method-not-allowed, not-acceptable, conflict, payload-too-large, "
        + "unsupported-media-type, idempotency-key-reused, rate-limited, too-many-unfinished-tasks, internal-error, "
        + "upstream-error, service-unavailable")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(ProblemType type, String detail) {
        return response(type, detail, List.of());
    }

    public static Response response(ProblemType type, String detail, List<FieldError> errors) {
        return Response.status(type.status())
                .type(MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), type.status(), detail, errors))
                .build();
    }

    public static Response unavailable(String detail, Duration retryAfter) {
        return Response.fromResponse(response(ProblemType.SERVICE_UNAVAILABLE, detail))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                .build();
    }
}
