package dev.heavyweight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heavyweight.testsupport.TestTokens;
import dev.heavyweight.testsupport.platform.GatewayClient;
import dev.heavyweight.testsupport.platform.Metrics;
import dev.heavyweight.testsupport.platform.Platform;
import dev.heavyweight.testsupport.platform.PlatformExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's operator endpoints behind the operations page, against the real balancer and task-service: the
 * nodes and draining through the balancer's admin API, the backlog and the last hour from the task store, and
 * the admin role on all of them.
 */
@ExtendWith(PlatformExtension.class)
class AdminOperationsIT {

    private static Platform platform;
    private static GatewayClient user;
    private static GatewayClient admin;

    @BeforeAll
    static void connect(Platform started) {
        platform = started;
        user = platform.gateway();
        admin = new GatewayClient(user.baseUrl(), TestTokens.admin(Platform.TENANT, "sre"));
    }

    private static HttpResponse<String> send(GatewayClient client, String method, String path) {
        return client.send(client.request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nodesAreTheBalancersAndDrainingReachesIt() {
        HttpResponse<String> listed = admin.get("/v1/admin/nodes");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode nodes = GatewayClient.parse(listed.body()).get("nodes");
        assertThat(nodes).isNotEmpty();
        JsonNode first = nodes.get(0);
        assertThat(first.get("state").asText()).isEqualTo("ready");
        assertThat(first.has("ejections")).isTrue();
        assertThat(first.get("service_time_seconds").isObject()).isTrue();
        assertThat(GatewayClient.parse(listed.body()).get("queue").has("interactive")).isTrue();

        String address = first.get("address").asText();
        String path = "/v1/admin/nodes/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/drain";
        try {
            HttpResponse<String> drained = send(admin, "POST", path);
            assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
            assertThat(GatewayClient.parse(drained.body()).get("state").asText()).isEqualTo("draining");
            assertThat(balancerState(address)).as("the balancer's own view").isEqualTo("draining");
        } finally {
            HttpResponse<String> back = send(admin, "DELETE", path);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        }
        assertThat(balancerState(address)).isEqualTo("ready");
        // The request metric names the route, not the node: one series, however many nodes are drained.
        double drains = 0;
        for (String gateway : new String[] {Platform.gateway(1), Platform.gateway(2)}) {
            drains += Metrics.sum(platform.httpUrl(gateway), "http_server_requests_seconds_count",
                    "uri=\"/v1/admin/nodes/{address}/drain\"");
        }
        assertThat(drains).isGreaterThanOrEqualTo(2);

        HttpResponse<String> unknown = send(admin, "POST", "/v1/admin/nodes/10.9.9.9:1/drain");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(GatewayClient.parse(unknown.body()).get("detail").asText()).contains("no GPU node");
    }

    @Test
    void operationsCountTheBacklogAndTheLastHour() {
        String id = user.submitAccepted("""
                {"prompt":"a cathedral in the snow","width":256,"height":256,"steps":5,"priority":"batch"}""");
        assertThat(user.awaitFinal(id, Duration.ofSeconds(60)).get("state").asText()).isEqualTo("succeeded");

        HttpResponse<String> answer = admin.get("/v1/admin/operations");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = GatewayClient.parse(answer.body());
        assertThat(report.get("window_seconds").asLong()).isEqualTo(3600);
        assertThat(Instant.parse(report.get("at").asText())).isBeforeOrEqualTo(Instant.now());
        for (String lane : new String[] {"interactive", "batch"}) {
            JsonNode backlog = report.get("lanes").get(lane);
            assertThat(backlog.get("queued").asLong()).as(lane).isNotNegative();
            assertThat(backlog.has("oldest_wait_seconds")).isTrue();
        }
        assertThat(report.get("states").size()).isEqualTo(8);
        assertThat(report.get("states").get("succeeded").asLong()).as("at least the task above").isPositive();

        HttpResponse<String> bad = admin.get("/v1/admin/operations?window_seconds=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(bad.body()).get("errors").get(0).get("field").asText()).isEqualTo("window_seconds");
        HttpResponse<String> tooLong = admin.get("/v1/admin/operations?window_seconds=999999999");
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
    }

    @Test
    void everyOperatorEndpointNeedsTheAdminRole() {
        assertThat(user.get("/v1/admin/nodes").statusCode()).isEqualTo(403);
        assertThat(user.get("/v1/admin/operations").statusCode()).isEqualTo(403);
        assertThat(send(user, "POST", "/v1/admin/nodes/127.0.0.1:1/drain").statusCode()).isEqualTo(403);
        assertThat(send(user, "DELETE", "/v1/admin/nodes/127.0.0.1:1/drain").statusCode()).isEqualTo(403);
        assertThat(user.send(user.request("/v1/admin/nodes").setHeader("Authorization", "Bearer not-a-token").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static String balancerState(String address) {
        HttpResponse<String> node = user.send(HttpRequest.newBuilder(URI.create(platform.httpUrl(Platform.BALANCER)
                        + "/admin/nodes/" + URLEncoder.encode(address, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(node.statusCode()).as(node.body()).isEqualTo(200);
        return GatewayClient.parse(node.body()).get("state").asText();
    }
}
