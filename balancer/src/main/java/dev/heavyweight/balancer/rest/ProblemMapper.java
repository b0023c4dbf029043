package dev.heavyweight.balancer.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Admin API errors as RFC 9457 problem details with a stable type. */
public class ProblemMapper {

    private static final String TYPE = "https://heavyweight.dev/problems/";

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String slug = status == 404 ? "not-found" : status == 405 ? "method-not-allowed" : "invalid-request";
        return Response.status(status)
                .type("application/problem+json")
                .entity(Map.of("type", TYPE + slug,
                        "title", title(status),
                        "status", status,
                        "detail", String.valueOf(e.getMessage())))
                .build();
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
