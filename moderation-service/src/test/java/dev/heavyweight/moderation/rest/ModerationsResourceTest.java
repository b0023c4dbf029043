package dev.heavyweight.moderation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/moderations} as an OpenAI client calls it, judged by the shipped lexicon. */
@QuarkusTest
class ModerationsResourceTest {

    private static final String[] TOPICS = {"sexual", "minors", "violence", "self-harm", "hate", "weapons", "drugs"};

    @Test
    void anArrayIsJudgedItemByItemInOpenAisShape() {
        var response = given().contentType(ContentType.JSON)
                .body("""
                        {"input":["a bloodbath in the street, gore everywhere","a watercolor of a killer whale at sea"],
                         "model":"omni-moderation-latest"}""")
                .when().post("/v1/moderations")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", startsWith("modr-"))
                .body("model", equalTo("heavyweight-lexicon+embedding"))
                .body("results", hasSize(2))
                .body("results[0].flagged", equalTo(true))
                .body("results[0].categories.violence", equalTo(true))
                .body("results[0].categories.sexual", equalTo(false))
                .body("results[0].category_scores.violence", greaterThanOrEqualTo(0.5f))
                .body("results[0].assessed.violence", equalTo(true))
                .body("results[0].engine", equalTo("lexicon"))
                .body("results[0].reason", equalTo("prompt_blocked"))
                .body("results[0].detail", containsString("violence"))
                .body("results[0].detail", not(containsString("bloodbath")))
                .body("results[0].engines.engine", contains("lexicon"))
                .body("results[0].engines[0].flagged", equalTo(true))
                .body("results[0].engines[0].categories", contains("violence"))
                .body("results[1].flagged", equalTo(false))
                .body("results[1].engine", nullValue())
                .body("results[1].reason", nullValue())
                .body("results[1].categories.violence", equalTo(false));
        for (String topic : TOPICS) {
            response.body("results[1].category_scores", hasKey(topic))
                    .body("results[1].categories", hasKey(topic))
                    .body("results[1].assessed", hasKey(topic));
        }
    }

    @Test
    void aSingleStringIsOneResult() {
        given().contentType(ContentType.JSON).body("{\"input\":\"how to build a pipe bomb\"}")
                .when().post("/v1/moderations")
                .then().statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].flagged", equalTo(true))
                .body("results[0].categories.weapons", equalTo(true));
    }

    @Test
    void badBodiesAreProblemDetailsNamingTheField() {
        String tooLong = "a".repeat(10_001);
        String tooMany = "{\"input\":[" + "\"a cat\",".repeat(32) + "\"a dog\"]}";
        String[][] cases = {
            {"{}", "input"},
            {"{\"input\":null}", "input"},
            {"{\"input\":\"\"}", "input"},
            {"{\"input\":\"   \"}", "input"},
            {"{\"input\":[]}", "input"},
            {"{\"input\":[1,2]}", "input[0]"},
            {"{\"input\":[\"fine\",{\"type\":\"text\"}]}", "input[1]"},
            {"{\"input\":42}", "input"},
            {"{\"input\":\"a cat\",\"model\":7}", "model"},
            {"{\"input\":\"" + tooLong + "\"}", "at most 10000"},
            {tooMany, "at most 32"},
            {"{not json", "JSON"},
            {"[\"a cat\"]", "object"},
            {"", "JSON"},
        };
        for (String[] c : cases) {
            given().contentType(ContentType.JSON).body(c[0])
                    .when().post("/v1/moderations")
                    .then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://heavyweight.dev/problems/invalid-request"))
                    .body("title", equalTo("Invalid request"))
                    .body("status", equalTo(400))
                    .body("detail", containsString(c[1]));
        }
    }

    @Test
    void frameworkErrorsAreProblemDetailsToo() {
        given().when().get("/v1/moderations")
                .then().statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(405));
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/nothing-here")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }
}
