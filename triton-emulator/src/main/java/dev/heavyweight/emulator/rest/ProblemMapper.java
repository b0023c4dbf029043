package dev.heavyweight.emulator.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Admin API errors as RFC 9457 problem details. */
public class ProblemMapper {

    private static final String TYPE = "https://heavyweight.dev/problems/";

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage());
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
