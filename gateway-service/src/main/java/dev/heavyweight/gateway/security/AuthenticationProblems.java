package dev.heavyweight.gateway.security;

import dev.heavyweight.gateway.rest.Problem;
import dev.heavyweight.gateway.rest.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem documents. Authentication is lazy (quarkus.http.auth.proactive=false) so that
 * its failures reach these mappers instead of leaving as empty-bodied answers. The RFC 6750 challenge says
 * {@code error="invalid_token"} only when a bearer token was sent and refused.
 */
public class AuthenticationProblems {

    private static final Logger LOG = Logger.getLogger(AuthenticationProblems.class);
    private static final String CHALLENGE = "Bearer";
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, HttpHeaders headers) {
        return unauthorized(headers);
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e, HttpHeaders headers) {
        LOG.debugf("bearer token refused: %s", e.getMessage());
        return unauthorized(headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(ProblemType.FORBIDDEN, "This operation needs the admin role.");
    }

    private static Response unauthorized(HttpHeaders headers) {
        boolean tokenSent = bearerToken(headers);
        Response problem = Problem.response(ProblemType.UNAUTHORIZED, tokenSent
                ? "The bearer token is not valid: malformed, badly signed, expired, from another issuer or without a valid tenant."
                : "This API needs an Authorization: Bearer <JWT> header.");
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? INVALID_TOKEN : CHALLENGE)
                .build();
    }

    static boolean bearerToken(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
