package dev.heavyweight.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published contract: every endpoint with its statuses, problem types and the bearer scheme. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class OpenApiTest {

    private static final Map<String, List<String>> OPERATIONS = Map.ofEntries(
            Map.entry("/v1/models", List.of("get")),
            Map.entry("/v1/admin/operations", List.of("get")),
            Map.entry("/v1/admin/nodes", List.of("get")),
            Map.entry("/v1/admin/nodes/{address}/drain", List.of("post", "delete")),
            Map.entry("/v1/generations", List.of("post", "get")),
            Map.entry("/v1/generations/{id}", List.of("get", "delete")),
            Map.entry("/v1/generations/{id}/cancel", List.of("post")),
            Map.entry("/v1/generations/{id}/image", List.of("get")),
            Map.entry("/v1/generations/{id}/events", List.of("get")),
            Map.entry("/v1/generations/{id}/feedback", List.of("post")),
            Map.entry("/v1/tenant", List.of("get")),
            Map.entry("/v1/admin/tenants/{tenant}", List.of("get")),
            Map.entry("/v1/images/generations", List.of("post")));

    private static JsonPath openApi() {
        return given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> statuses(JsonPath api, String path, String method) {
        Map<String, Object> responses = api.getMap("paths.'" + path + "'." + method + ".responses");
        assertThat(responses).as(method + " " + path).isNotNull();
        return List.copyOf(responses.keySet());
    }

    @Test
    void everyEndpointIsDocumentedWithAuthAndOutageAnswers() {
        JsonPath api = openApi();

        assertThat(api.getMap("paths").keySet()).containsAll(OPERATIONS.keySet());
        OPERATIONS.forEach((path, methods) -> methods.forEach(method -> {
            assertThat(statuses(api, path, method)).as(method + " " + path).contains("401", "503");
            assertThat(api.getList("paths.'" + path + "'." + method + ".security.bearer")).as(method + " " + path)
                    .isNotNull();
        }));
    }

    @Test
    void specificStatusesAreDocumented() {
        JsonPath api = openApi();

        assertThat(statuses(api, "/v1/generations", "post")).contains("202", "200", "400", "422", "429");
        assertThat(statuses(api, "/v1/generations/{id}", "get")).contains("200", "404");
        assertThat(statuses(api, "/v1/generations/{id}/cancel", "post")).contains("404", "409");
        assertThat(statuses(api, "/v1/generations/{id}/events", "get")).contains("200", "404");
        assertThat(statuses(api, "/v1/admin/tenants/{tenant}", "get")).contains("403");
        assertThat(statuses(api, "/v1/images/generations", "post")).contains("200", "400", "429", "500", "504");
        assertThat(api.getString("paths.'/v1/generations'.post.responses.'429'.description"))
                .contains("rate-limited", "too-many-unfinished-tasks");
        assertThat(api.getMap("paths.'/v1/generations'.post.responses.'429'.headers")).containsKey("Retry-After");
        assertThat(api.getString("paths.'/v1/generations/{id}'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void theBearerSchemeAndTheProblemTypesAreDescribed() {
        JsonPath api = openApi();

        assertThat(api.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(api.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(api.getString("components.securitySchemes.bearer.bearerFormat")).isEqualTo("JWT");
        String problemTypes = api.getString("components.schemas.Problem.description");
        for (ProblemType type : ProblemType.values()) {
            assertThat(problemTypes).contains(type.uri().substring("https://heavyweight.dev/problems/".length()));
        }
        assertThat(api.getMap("components.schemas")).containsKey("OpenAiError");
    }

    @Test
    void swaggerUiIsServedAndEveryFileItLoadsExists() {
        String page = given().get("/api-docs/").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        int files = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            String path = ref.startsWith("/") ? ref : "/api-docs/" + ref;
            given().get(path).then().statusCode(200);
            files++;
        }
        assertThat(files).as("stylesheet and scripts referenced by the page").isEqualTo(4);
        given().get("/api-docs/swagger-initializer.js").then().statusCode(200).body(containsString("\"/q/openapi\""));
    }
}
