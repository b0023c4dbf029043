package dev.heavyweight.gateway.config;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The answers every /v1 operation can give, added once here instead of on each method: 401 (no or a bad
 * bearer token) and 503 (a backend is unavailable, with Retry-After), as problem documents, or in OpenAI's
 * envelope under /v1/images; and the bearer requirement itself.
 */
public class OpenApiCommonResponses implements OASFilter {

    /** Name of the JWT bearer scheme (quarkus.smallrye-openapi.security-scheme-name). */
    static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        openApi.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                boolean openAi = path.startsWith("/v1/images/");
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                    complete(entry.getValue(), openAi);
                }
            }
        });
    }

    private static void complete(Operation operation, boolean openAi) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        }
        String schema = openAi ? "#/components/schemas/OpenAiError" : "#/components/schemas/Problem";
        String media = openAi ? "application/json" : "application/problem+json";
        add(operation, "401", openAi ? "invalid_request_error: missing or invalid bearer token"
                : "unauthorized: missing, malformed, badly signed, expired or foreign-issuer bearer token"
                        + " (WWW-Authenticate: Bearer)", media, schema, false);
        add(operation, "503", openAi ? "server_error: service_unavailable"
                : "service-unavailable: a backend service is unavailable; retry after Retry-After", media, schema, true);
    }

    private static void add(Operation operation, String status, String description, String media, String schema,
            boolean retryAfter) {
        if (operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        Content content = OASFactory.createContent().addMediaType(media,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema)));
        APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
        if (retryAfter) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        operation.getResponses().addAPIResponse(status, response);
    }
}
