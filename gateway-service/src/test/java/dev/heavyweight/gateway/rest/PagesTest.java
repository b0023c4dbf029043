package dev.heavyweight.gateway.rest;

import static dev.heavyweight.gateway.rest.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two pages and what they load: served without a token (they hold no data), with a policy that lets scripts,
 * styles and API calls come only from the gateway; every script and stylesheet a page names exists. The models
 * endpoint gives the page the server's own limits. (The pages' behaviour is tested in a browser: e2e BrowserIT.)
 */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class PagesTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"");

    @Test
    void bothPagesAreServedWithTheirSecurityHeadersAndEveryAssetTheyName() {
        for (String page : new String[] {"/", "/ops"}) {
            Response response = RestAssured.given().accept("text/html").get(page);
            response.then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer");
            String html = response.asString();
            assertThat(html).contains("<main>").doesNotContain("<script>");
            Matcher assets = ASSET.matcher(html);
            int found = 0;
            while (assets.find()) {
                found++;
                String type = assets.group(1).endsWith(".css") ? "text/css" : "javascript";
                RestAssured.given().get(assets.group(1)).then().statusCode(200).contentType(containsString(type));
            }
            assertThat(found).as(page + " loads a script and a stylesheet").isGreaterThanOrEqualTo(2);
        }
        // The modules a page script imports.
        RestAssured.given().get("/ui/api.js").then().statusCode(200).body(containsString("export async function call"));
    }

    @Test
    void theModelsEndpointGivesTheLimitsTheValidatorApplies() {
        given().get("/v1/models").then().statusCode(200)
                .body("data.name", hasItems("stable_diffusion_1_5", "stable_diffusion_xl"))
                .body("data.find { it.name == 'stable_diffusion_1_5' }.default", equalTo(true))
                .body("data.find { it.name == 'stable_diffusion_1_5' }.min_size", equalTo(256))
                .body("data.find { it.name == 'stable_diffusion_xl' }.max_size", equalTo(1536))
                .body("data[0].size_multiple", equalTo(64))
                .body("data[0].max_steps", equalTo(100))
                .body("limits.max_prompt_chars", equalTo(2000))
                .body("limits.lanes", hasItems("interactive", "batch"));
        // What it says is what the validator enforces.
        given().contentType("application/json").body("{\"prompt\":\"a cat\",\"steps\":101}").post("/v1/generations")
                .then().statusCode(400).body("errors[0].field", equalTo("steps"));
        RestAssured.given().get("/v1/models").then().statusCode(401);
    }
}
