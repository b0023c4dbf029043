package dev.heavyweight.emulator.grpc;

import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.heavyweight.contracts.kserve.ServerReadyRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code admin.allowed-cidrs} narrowed to {@code ::1}, this test's calls (from 127.0.0.1) stand for a
 * caller outside the allowed range: every admin route refuses them and no node changes, while health and
 * metrics stay open. {@link AdminApiTest} and the other tests use the same routes from loopback under the
 * defaults.
 */
@QuarkusTest
@TestProfile(AdminAccessTest.OnlyIpv6Loopback.class)
class AdminAccessTest {

    /** Only {@code ::1} may call the admin API; the test client connects from 127.0.0.1. */
    public static class OnlyIpv6Loopback implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.emulator.admin.allowed-cidrs", "::1");
        }
    }

    private static NodeClients node0;

    @BeforeAll
    static void connect() {
        node0 = new NodeClients(18101);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        node0.close();
    }

    @Test
    void everyAdminRouteRefusesACallerOutsideTheAllowedRanges() {
        forbidden(given().get("/admin/nodes"));
        forbidden(given().get("/admin/nodes/0"));
        forbidden(json().body("{\"fail_next\":5}").put("/admin/nodes/0/faults"));
        forbidden(json().body("{\"ready\":false}").put("/admin/nodes/0/ready"));
        forbidden(given().post("/admin/nodes/0/crash"));
        forbidden(given().post("/admin/nodes/0/restore"));
        forbidden(given().get("/admin/executions"));
        forbidden(given().delete("/admin/executions"));
        // Refused before the route's own answer: a node that does not exist is 403 too, not 404.
        forbidden(given().post("/admin/nodes/99/crash"));
        forbidden(given().urlEncodingEnabled(false).post("/%61dmin/nodes/0/crash"));

        // Nothing of the above happened: node 0 is up, ready and answers without injected failures.
        assertThat(node0.blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(node0.blocking().modelInfer(prompt("stable_diffusion_1_5", "still serving", 1).build())
                .getOutputsCount()).isEqualTo(1);
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("heavyweight_emulator_"));
        given().get("/nodes/0/metrics").then().statusCode(200).body(containsString("nv_gpu_utilization"));
    }

    private static io.restassured.specification.RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    private static void forbidden(Response response) {
        response.then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://heavyweight.dev/problems/admin-forbidden"))
                .body("title", equalTo("Forbidden"))
                .body("status", equalTo(403))
                .body("detail", containsString("heavyweight.emulator.admin.allowed-cidrs"))
                .body("detail", containsString("127.0.0.1"));
    }
}
