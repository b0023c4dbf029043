package dev.heavyweight.task.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceLibraries() {
        // The test vector of the Standard Webhooks / Svix reference implementations.
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = WebhookSignature.headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, key);

        assertThat(headers).containsExactly(
                Map.entry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
                Map.entry("webhook-timestamp", "1614265330"),
                Map.entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }
}
