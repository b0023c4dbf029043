package dev.heavyweight.moderation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An engine that fails gives no verdict: 503 with Retry-After, never a "not flagged" result. */
@QuarkusTest
@TestProfile(ModerationsEngineFailureTest.EngineDown.class)
class ModerationsEngineFailureTest {

    public static class EngineDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.moderation.prompt-engines", "lexicon," + FailingPromptEngine.NAME,
                    "heavyweight.moderation.api.retry-after", "7s");
        }
    }

    @Test
    void aFailingEngineIs503WithRetryAfter() {
        given().contentType(ContentType.JSON).body("{\"input\":[\"a quiet harbour at night\",\"a red fox\"]}")
                .when().post("/v1/moderations")
                .then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "7")
                .body("type", equalTo("https://heavyweight.dev/problems/service-unavailable"))
                .body("status", equalTo(503))
                .body("detail", containsString(FailingPromptEngine.NAME))
                .body("detail", not(containsString("connection refused")));
    }

    @Test
    void aBlockBeforeTheFailingEngineIsStillAVerdict() {
        given().contentType(ContentType.JSON).body("{\"input\":\"a massacre in the village\"}")
                .when().post("/v1/moderations")
                .then().statusCode(200)
                .body("results[0].flagged", equalTo(true))
                .body("results[0].engine", equalTo("lexicon"));
    }
}
