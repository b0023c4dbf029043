package dev.heavyweight.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.task.SubmitRequest;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.contracts.task.WebhookDelivery;
import io.quarkus.test.junit.QuarkusTest;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Webhooks through the outbox, POSTed to a real local receiver that verifies what a receiver must verify. */
@QuarkusTest
class WebhookDeliveryTest extends TaskServiceFixture {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theEndOfATaskIsPostedAsASignedStatusDocumentTheReceiverCanVerify() throws Exception {
        double deliveredBefore = Metrics.value("heavyweight_webhook_deliveries_total", "outcome", "delivered");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Task task = api.submitQueued(request(receiver.url("/hooks/done")));
            long before = Instant.now().getEpochSecond();
            broker.publish(WorkerEvents.event(task, TaskEventType.STARTED, 1, task.getQueuedAtMs() + 500));
            api.awaitState(task, TaskState.TASK_STATE_RUNNING);
            broker.publish(WorkerEvents.succeeded(task, 1, "tenants/" + tenant + "/tasks/" + task.getId() + ".png"));

            WebhookReceiver.Request delivery = awaitRequests(receiver, 1).get(0);
            long after = Instant.now().getEpochSecond();

            assertThat(delivery.method()).isEqualTo("POST");
            assertThat(delivery.path()).isEqualTo("/hooks/done");
            assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
            assertThat(delivery.header("webhook-id")).isEqualTo("msg_" + task.getId() + "_succeeded");
            assertThat(Long.parseLong(delivery.header("webhook-timestamp"))).isBetween(before, after);
            assertThat(delivery.header("webhook-signature")).isEqualTo(expectedSignature(delivery));
            JsonNode document = json.readTree(delivery.body());
            assertThat(document.get("id").asText()).isEqualTo(task.getId());
            assertThat(document.get("status").asText()).isEqualTo("succeeded");
            assertThat(document.get("state").asText()).isEqualTo("succeeded");
            assertThat(document.get("image_url").asText()).isEqualTo("/v1/generations/" + task.getId() + "/image");
            assertThat(document.get("user").asText()).isEqualTo("alice");
            assertThat(document.get("priority").asText()).isEqualTo("interactive");
            assertThat(document.get("timings").get("inference_ms").asLong()).isEqualTo(1200);
            assertThat(document.has("webhook")).isFalse();
            assertThat(document.has("moderation")).isFalse();

            WebhookDelivery webhook = awaitWebhook(task, "delivered");
            assertThat(webhook.getAttempts()).isEqualTo(1);
            assertThat(webhook.getLastStatusCode()).isEqualTo(200);
            assertThat(webhook.getLastError()).isEmpty();
            assertThat(webhook.getDeliveredAtMs()).isEqualTo(webhook.getLastAttemptAtMs()).isPositive();
            assertThat(Metrics.value("heavyweight_webhook_deliveries_total", "outcome", "delivered"))
                    .isEqualTo(deliveredBefore + 1);
            Database.awaitOutboxDrained();
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void aBlockedPromptsDeliveryCarriesTheModerationDecision() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Task accepted = api.submit(request(receiver.url("/hooks/blocked")).toBuilder()
                    .setPrompt("a " + ScriptedModerationService.BLOCKED_WORD + " scene").build());
            api.awaitState(accepted, TaskState.TASK_STATE_REJECTED);

            JsonNode document = json.readTree(awaitRequests(receiver, 1).get(0).body());
            assertThat(document.get("state").asText()).isEqualTo("rejected");
            assertThat(document.get("reason").asText()).isEqualTo("prompt_blocked");
            assertThat(document.get("moderation").get("stage").asText()).isEqualTo("prompt");
            assertThat(document.get("moderation").get("engine").asText()).isEqualTo("lexicon");
            JsonNode topic = document.get("moderation").get("topics").get(0);
            assertThat(topic.get("topic").asText()).isEqualTo(ScriptedModerationService.CATEGORY);
            assertThat(topic.get("flagged").asBoolean()).isTrue();
            assertThat(topic.get("score").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void aFailingReceiverIsRetriedWithTheSameDeliveryUntilItAccepts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 500)) {
            Task task = api.submitQueued(request(receiver.url("/flaky")));

            api.cancel(tenant, task.getId());

            List<WebhookReceiver.Request> deliveries = awaitRequests(receiver, 3);
            WebhookDelivery webhook = awaitWebhook(task, "delivered");
            assertThat(webhook.getAttempts()).isEqualTo(3);
            assertThat(webhook.getLastStatusCode()).isEqualTo(200);
            assertThat(deliveries).extracting(request -> request.header("webhook-id"))
                    .containsOnly("msg_" + task.getId() + "_cancelled");
            assertThat(deliveries).extracting(request -> new String(request.body(), StandardCharsets.UTF_8))
                    .containsOnly(new String(deliveries.get(0).body(), StandardCharsets.UTF_8));
            for (WebhookReceiver.Request delivery : deliveries) {
                assertThat(delivery.header("webhook-signature")).isEqualTo(expectedSignature(delivery));
            }
            assertThat(json.readTree(deliveries.get(0).body()).get("state").asText()).isEqualTo("cancelled");
            Database.awaitOutboxDrained();
            assertThat(receiver.requests()).hasSize(3);
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedAndGivenUpOnceTheDeliveryIsOldEnough() throws Exception {
        double gaveUpBefore = Metrics.value("heavyweight_webhook_deliveries_total", "outcome", "gave_up");
        Task task = api.submitQueued(request("http://127.0.0.1:" + freePort() + "/nobody-home"));
        api.cancel(tenant, task.getId());
        WebhookDelivery failing = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(tenant, task.getId()).getWebhook(), webhook -> webhook.getAttempts() >= 2);
        assertThat(failing.getState()).isEqualTo("pending");
        assertThat(failing.getLastStatusCode()).isZero();
        assertThat(failing.getLastError()).isEqualTo("connection refused");

        Database.ageWebhookRows(task.getId(), Duration.ofHours(25));

        WebhookDelivery given = awaitWebhook(task, "failed");
        assertThat(given.getDeliveredAtMs()).isZero();
        Database.awaitOutboxDrained();
        assertThat(Metrics.value("heavyweight_webhook_deliveries_total", "outcome", "gave_up")).isEqualTo(gaveUpBefore + 1);
    }

    @Test
    void theAddressPolicyIsCheckedAgainAtDeliveryTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Task task = api.submitQueued(request(receiver.url("/moved")));
            // As if the receiver's name now resolved into a private network.
            Database.setWebhookUrl(task.getId(), "http://10.9.8.7/moved");

            api.cancel(tenant, task.getId());

            WebhookDelivery refused = await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get(tenant, task.getId()).getWebhook(), webhook -> webhook.getAttempts() >= 1);
            assertThat(refused.getLastError()).startsWith("refused: host 10.9.8.7 resolves to 10.9.8.7, a private");
            assertThat(refused.getLastStatusCode()).isZero();
            Database.ageWebhookRows(task.getId(), Duration.ofHours(25));
            awaitWebhook(task, "failed");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void aTaskWithoutAWebhookOwesNoDelivery() throws Exception {
        Task task = api.submitQueued(SubmitRequest.newBuilder().setTenant(tenant).setPrompt("a quiet sea").build());

        api.cancel(tenant, task.getId());

        assertThat(Database.outbox(task.getId())).extracting(Database.OutboxRow::kind).doesNotContain("webhook");
        assertThat(api.get(tenant, task.getId()).hasWebhook()).isFalse();
    }

    private SubmitRequest request(String webhookUrl) {
        return SubmitRequest.newBuilder().setTenant(tenant).setUser("alice").setPrompt("a lighthouse")
                .setWebhookUrl(webhookUrl).build();
    }

    /** What a receiver computes from the tenant's secret (GetTenant) to check a delivery. */
    private String expectedSignature(WebhookReceiver.Request delivery) throws Exception {
        String secret = api.tenant(tenant).getWebhookSecret();
        assertThat(secret).startsWith("whsec_");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "."
                + new String(delivery.body(), StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private List<WebhookReceiver.Request> awaitRequests(WebhookReceiver receiver, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(receiver::requests, requests -> requests.size() >= count);
    }

    private WebhookDelivery awaitWebhook(Task task, String state) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(tenant, task.getId()).getWebhook(), webhook -> webhook.getState().equals(state));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
