package dev.heavyweight.emulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Admin API errors as RFC 9457 problem details. */
public class ProblemMapper {

    private static final String TYPE = "https://heavyweight.dev/problems/";

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return problem(400, "invalid-request", "Invalid request", "the body is not the JSON this endpoint expects: "
                + e.getOriginalMessage());
    }

    /** Replaces Quarkus's own mapper for mistyped fields, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mistyped(MismatchedInputException e) {
        String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(name -> name != null).collect(Collectors.joining("."));
        String what = field.isEmpty() ? "the body" : "field '" + field + "'";
        return problem(400, "invalid-request", "Invalid request",
                what + " has the wrong type: " + e.getOriginalMessage());
    }

    /** A crashed node could not get its port back (something else took it). */
    @ServerExceptionMapper
    public Response unrestorable(UncheckedIOException e) {
        return problem(503, "node-unavailable", "Node unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String slug = status == 404 ? "not-found" : "invalid-request";
        return problem(status, slug, Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage());
    }

    private static Response problem(int status, String slug, String title, String detail) {
        return Response.status(status)
                .type("application/problem+json")
                .entity(Map.of("type", TYPE + slug, "title", title, "status", status, "detail", String.valueOf(detail)))
                .build();
    }
}
