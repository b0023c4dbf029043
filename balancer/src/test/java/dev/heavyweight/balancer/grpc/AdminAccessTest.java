package dev.heavyweight.balancer.grpc;

import dev.heavyweight.balancer.scheduler.NodeSnapshot;
import dev.heavyweight.balancer.scheduler.SlotScheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * With {@code admin.allowed-cidrs} narrowed to {@code ::1}, this test's calls (from 127.0.0.1) stand for a
 * caller outside the allowed range: every admin route refuses them, changes nothing, while health, metrics
 * and inference stay open. {@link AdminApiTest} shows the same routes answering loopback under the defaults.
 */
@QuarkusTest
@TestProfile(AdminAccessTest.OnlyIpv6Loopback.class)
@WithTestResource(FakeTritonNodes.class)
class AdminAccessTest extends FakeFleetFixture {

    /** Only {@code ::1} may call the admin API; the test client connects from 127.0.0.1. */
    public static class OnlyIpv6Loopback implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heavyweight.balancer.admin.allowed-cidrs", "::1");
        }
    }

    AdminAccessTest(SlotScheduler scheduler) {
        super(scheduler);
    }

    @Test
    void everyAdminRouteRefusesACallerOutsideTheAllowedRanges() {
        String a = nodes.a().address();

        forbidden(given().get("/admin/nodes"));
        forbidden(given().get("/admin/nodes/" + a));
        forbidden(given().get("/admin/queue"));
        forbidden(given().get("/admin/policy"));
        forbidden(given().post("/admin/nodes/" + a + "/drain"));
        forbidden(given().delete("/admin/nodes/" + a + "/drain"));
        // Refused before the route's own answer: an unknown node is 403 too, not a 404 that confirms the API.
        forbidden(given().post("/admin/nodes/10.9.9.9:1/drain"));

        NodeSnapshot node = scheduler.node(a).orElseThrow();
        assertThat(node.draining()).isFalse();
    }

    @Test
    void anotherSpellingOfTheAdminPathIsRefusedToo() {
        forbidden(given().urlEncodingEnabled(false).post("/%61dmin/nodes/" + nodes.a().address() + "/drain"));
        forbidden(given().urlEncodingEnabled(false).get("/q/../admin/queue"));
        assertThat(scheduler.node(nodes.a().address()).orElseThrow().draining()).isFalse();
    }

    @Test
    void healthMetricsAndInferenceStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heavyweight_balancer_queue_depth"));
        assertThat(balancer.blocking().modelInfer(BalancerChannel.request("still served")).getRawOutputContentsCount())
                .isEqualTo(1);
    }

    private static void forbidden(io.restassured.response.Response response) {
        ValidatableResponse then = response.then();
        then.statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://heavyweight.dev/problems/admin-forbidden"))
                .body("title", equalTo("Forbidden"))
                .body("status", equalTo(403))
                .body("detail", containsString("heavyweight.balancer.admin.allowed-cidrs"))
                .body("detail", containsString("127.0.0.1"));
    }
}
