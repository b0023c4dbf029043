package dev.heavyweight.gateway.security;

import static dev.heavyweight.gateway.rest.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.gateway.rest.Api;
import dev.heavyweight.gateway.rest.Tasks;
import dev.heavyweight.gateway.rest.ScriptedTaskService;
import dev.heavyweight.gateway.rest.ScriptedTaskServiceResource;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import dev.heavyweight.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call: a valid RS256 token with a tenant claim; tasks of other tenants do not exist; admin needs the role. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class AuthenticationTest {

    ScriptedTaskService taskService;

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("malformed", TestTokens.malformed()),
                Arguments.of("not a JWT at all", "abc"),
                Arguments.of("signed by another key", TestTokens.signedByAnotherKey("acme", "alice")),
                Arguments.of("expired", TestTokens.expired("acme", "alice")),
                Arguments.of("from another issuer", TestTokens.withIssuer("https://evil.example", "acme", "alice")),
                Arguments.of("without a tenant", TestTokens.withoutTenant("alice")),
                Arguments.of("with an upper-case tenant", TestTokens.token("Acme", "alice")),
                Arguments.of("with a tenant that is a path", TestTokens.token("../acme", "alice")),
                Arguments.of("with a tenant too long", TestTokens.token("a".repeat(64), "alice")));
    }

    static Stream<Arguments> endpoints() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("POST /v1/generations", (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body("{\"prompt\":\"a cat\"}").post("/v1/generations")),
                Arguments.of("GET /v1/generations/{id}", (Function<RequestSpecification, Response>) r -> r
                        .get("/v1/generations/" + id)),
                Arguments.of("GET /v1/generations/{id}/image", (Function<RequestSpecification, Response>) r -> r
                        .get("/v1/generations/" + id + "/image")),
                Arguments.of("POST /v1/generations/{id}/cancel", (Function<RequestSpecification, Response>) r -> r
                        .post("/v1/generations/" + id + "/cancel")),
                Arguments.of("GET /v1/generations", (Function<RequestSpecification, Response>) r -> r
                        .get("/v1/generations")),
                Arguments.of("DELETE /v1/generations/{id}", (Function<RequestSpecification, Response>) r -> r
                        .delete("/v1/generations/" + id)),
                Arguments.of("POST /v1/generations/{id}/feedback", (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body("{\"rating\":5}").post("/v1/generations/" + id + "/feedback")),
                Arguments.of("GET /v1/tenant", (Function<RequestSpecification, Response>) r -> r.get("/v1/tenant")),
                Arguments.of("GET /v1/admin/tenants/acme", (Function<RequestSpecification, Response>) r -> r
                        .get("/v1/admin/tenants/acme")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noTokenIsA401ProblemWithABearerChallenge(String name, Function<RequestSpecification, Response> call) {
        int before = taskService.calls().size();
        Response response = call.apply(given());

        problem(response.then(), 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(taskService.calls()).hasSize(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedTokenIsA401ProblemSayingInvalidToken(String name, String token) {
        int before = taskService.calls().size();
        Response response = given().auth().oauth2(token).contentType("application/json")
                .body("{\"prompt\":\"a cat\"}").post("/v1/generations");

        problem(response.then(), 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(taskService.calls()).hasSize(before);
    }

    @Test
    void otherSchemesGetThePlainChallenge() {
        Response response = given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/v1/tenant");

        problem(response.then(), 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void anotherTenantsTaskDoesNotExist() {
        Task succeeded = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED).toBuilder()
                .setImageKey("tenants/acme/tasks/x.png").build());
        Task running = taskService.put(Tasks.task(TaskState.TASK_STATE_RUNNING));
        RequestSpecification globex = Api.as("globex", "mallory");

        problem(globex.get("/v1/generations/" + succeeded.getId()).then(), 404, "not-found");
        problem(Api.as("globex", "mallory").redirects().follow(false).get("/v1/generations/" + succeeded.getId() + "/image")
                .then(), 404, "not-found");
        problem(Api.as("globex", "mallory").post("/v1/generations/" + running.getId() + "/cancel").then(), 404, "not-found");
        problem(Api.as("globex", "mallory").delete("/v1/generations/" + running.getId()).then(), 404, "not-found");

        assertThat(taskService.task(running.getId()).getState()).isEqualTo(TaskState.TASK_STATE_RUNNING);
        Api.given().get("/v1/generations/" + running.getId()).then().statusCode(200).body("state", equalTo("running"));
    }

    @Test
    void theCallerIsTheTokensSubjectAndTenant() {
        Api.as("globex", "bob").contentType("application/json").body("{\"prompt\":\"a cat\"}")
                .post("/v1/generations").then().statusCode(202).body("user", equalTo("bob"));

        assertThat(taskService.submissions().get(taskService.submissions().size() - 1).getTenant()).isEqualTo("globex");
        assertThat(taskService.submissions().get(taskService.submissions().size() - 1).getUser()).isEqualTo("bob");
    }

    @Test
    void tenantEndpointShowsTheCallersOwnTenant() {
        Api.as("initech", "peter").get("/v1/tenant").then()
                .statusCode(200)
                .body("tenant", equalTo("initech"))
                .body("tier", equalTo("standard"))
                .body("limits.rate_per_second", equalTo(2.0f))
                .body("limits.burst", equalTo(20))
                .body("limits.max_unfinished", equalTo(50))
                .body("usage.unfinished", equalTo(0))
                .body("webhook_secret", equalTo("whsec_c2NyaXB0ZWQtc2VjcmV0LW9mLQ=="));
    }

    @Test
    void adminEndpointNeedsTheAdminRole() {
        problem(Api.given().get("/v1/admin/tenants/globex").then(), 403, "forbidden");

        Api.asAdmin("acme", "root").get("/v1/admin/tenants/globex").then()
                .statusCode(200)
                .body("tenant", equalTo("globex"));
        problem(Api.asAdmin("acme", "root").get("/v1/admin/tenants/Not_A_Tenant").then(), 404, "not-found");
    }
}
