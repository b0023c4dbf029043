package dev.heavyweight.gateway.rest;

import static dev.heavyweight.gateway.rest.Api.given;
import static dev.heavyweight.gateway.rest.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests are refused at the edge as problem documents, before anything reaches task-service. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class GenerationValidationTest {

    ScriptedTaskService taskService;

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{}", "prompt"),
                Arguments.of("{\"prompt\": null}", "prompt"),
                Arguments.of("{\"prompt\": \"\"}", "prompt"),
                Arguments.of("{\"prompt\": \"  \\t\\n \"}", "prompt"),
                Arguments.of("{\"prompt\": \"\\u200b\\u200b\"}", "prompt"),
                Arguments.of("{\"prompt\": \"" + "a".repeat(2001) + "\"}", "prompt"),
                Arguments.of("{\"prompt\": \"cat\", \"negative_prompt\": \"" + "b".repeat(2001) + "\"}", "negative_prompt"),
                Arguments.of("{\"prompt\": \"a cat\\u0000 on a mat\"}", "prompt"),
                Arguments.of("{\"prompt\": \"\\u0000\"}", "prompt"),
                Arguments.of("{\"prompt\": \"beep\\u0007\"}", "prompt"),
                Arguments.of("{\"prompt\": \"cat\", \"negative_prompt\": \"dog\\u0000\"}", "negative_prompt"),
                Arguments.of("{\"prompt\": \"cat\", \"negative_prompt\": \"\\u001b[2J\"}", "negative_prompt"),
                Arguments.of("{\"prompt\": \"cat\", \"webhook_url\": \"file:///etc/passwd\"}", "webhook_url"),
                Arguments.of("{\"prompt\": \"cat\", \"webhook_url\": 42}", "webhook_url"),
                Arguments.of("{\"prompt\": \"cat\", \"width\": 500}", "width"),
                Arguments.of("{\"prompt\": \"cat\", \"width\": 2048}", "width"),
                Arguments.of("{\"prompt\": \"cat\", \"width\": 1536}", "width"),
                Arguments.of("{\"prompt\": \"cat\", \"height\": 128}", "height"),
                Arguments.of("{\"prompt\": \"cat\", \"model\": \"dall-e-3\"}", "model"),
                Arguments.of("{\"prompt\": \"cat\", \"steps\": 0}", "steps"),
                Arguments.of("{\"prompt\": \"cat\", \"steps\": 101}", "steps"),
                Arguments.of("{\"prompt\": \"cat\", \"seed\": -1}", "seed"),
                Arguments.of("{\"prompt\": \"cat\", \"seed\": 9007199254740992}", "seed"),
                Arguments.of("{\"prompt\": \"cat\", \"priority\": \"urgent\"}", "priority"),
                Arguments.of("{\"prompt\": \"cat\", \"width\": \"512\"}", "width"),
                Arguments.of("{\"prompt\": \"cat\", \"steps\": 12.5}", "steps"),
                Arguments.of("{\"prompt\": \"cat\", \"steps\": true}", "steps"),
                Arguments.of("{\"prompt\": 42}", "prompt"),
                Arguments.of("{\"prompt\": [\"cat\"]}", "prompt"),
                Arguments.of("{\"prompt\": \"cat\", \"seed\": \"7\"}", "seed"),
                Arguments.of("{\"prompt\": \"cat\", \"width\": 99999999999}", "width"),
                Arguments.of("{\"prompt\": \"cat\", \"colour\": \"red\"}", "colour"),
                Arguments.of("{\"prompt\": \"cat\", \"prompt\": \"dog\"}", "body"),
                Arguments.of("{\"prompt\": \"cat\",", "body"),
                Arguments.of("{\"prompt\": \"cat\"} trailing", "body"),
                Arguments.of("not json at all", "body"),
                Arguments.of("[]", "body"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidFieldIsNamedInA400Problem(String body, String field) {
        int submittedBefore = taskService.submissions().size();

        problem(given().contentType("application/json").body(body).when().post("/v1/generations").then(),
                400, "invalid-request")
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItem(field));

        assertThat(taskService.submissions()).hasSize(submittedBefore);
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        problem(given().contentType("application/json")
                .body("{\"prompt\": \"\", \"width\": 100, \"steps\": 0, \"priority\": \"now\"}")
                .when().post("/v1/generations").then(), 400, "invalid-request")
                .body("errors.field", equalTo(java.util.List.of("prompt", "width", "steps", "priority")))
                .body("errors.find { it.field == 'width' }.message",
                        equalTo("must be a multiple of 64 between 256 and 1024 for stable_diffusion_1_5"));
    }

    @Test
    void unknownPathIsA404Problem() {
        problem(given().when().get("/v1/nothing-here").then(), 404, "not-found");
        problem(given().when().get("/nowhere").then(), 404, "not-found");
    }

    @Test
    void idThatIsNotAUuidIsA404Problem() {
        problem(given().when().get("/v1/generations/not-a-uuid").then(), 404, "not-found");
        problem(given().when().get("/v1/generations/not-a-uuid/image").then(), 404, "not-found");
        problem(given().when().post("/v1/generations/not-a-uuid/cancel").then(), 404, "not-found");
    }

    @Test
    void wrongMethodIsA405Problem() {
        problem(given().when().delete("/v1/generations").then(), 405, "method-not-allowed");
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        problem(given().contentType("text/plain").body("prompt=cat").when().post("/v1/generations").then(),
                415, "unsupported-media-type");
    }
}
