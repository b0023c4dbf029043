package dev.heavyweight.gateway.rest.openai;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * OpenAI's error envelope, {@code {"error":{"message","type","param","code"}}}, which the official clients
 * parse into their typed errors; {@code param} and {@code code} are null when they say nothing.
 */
public record OpenAiError(Body error) {

    public record Body(String message, String type, String param, String code) {
    }

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";

    static Response.ResponseBuilder response(int status, String type, String code, String param, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OpenAiError(new Body(message, type, param, code)));
    }
}
