package dev.heavyweight.moderation.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors the framework raises (unknown path, wrong method or media type) as problem details, never empty bodies. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return Problem.of(status, title, status >= 500 ? "The request could not be completed." : title + ".");
    }
}
