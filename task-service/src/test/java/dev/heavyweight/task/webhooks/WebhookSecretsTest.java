package dev.heavyweight.task.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private static final String CONFIGURED = "whsec_" + Base64.getEncoder().encodeToString("acme's own key".getBytes());

    private final WebhookSecrets secrets = new WebhookSecrets("a signing key", Map.of("acme", CONFIGURED));

    @Test
    void derivedSecretsAreStandardWebhooksSecretsStablePerTenantAndDifferentAcrossTenants() {
        String secret = secrets.secretOf("globex");

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(new WebhookSecrets("a signing key", Map.of()).secretOf("globex")).isEqualTo(secret);
        assertThat(secrets.secretOf("initech")).isNotEqualTo(secret);
        assertThat(new WebhookSecrets("another signing key", Map.of()).secretOf("globex")).isNotEqualTo(secret);
        assertThat(secrets.keyOf("globex")).isEqualTo(Base64.getDecoder().decode(secret.substring(6)));
    }

    @Test
    void aConfiguredSecretWinsAndSignsWithItsOwnBytes() {
        assertThat(secrets.secretOf("acme")).isEqualTo(CONFIGURED);
        assertThat(secrets.keyOf("acme")).isEqualTo("acme's own key".getBytes());
    }

    @Test
    void refusesConfiguredSecretsThatAreNotStandardWebhooksSecrets() {
        assertThatThrownBy(() -> new WebhookSecrets("k", Map.of("acme", "plain-text")))
                .hasMessageContaining("heavyweight.task.webhooks.tenant-secrets.acme");
        assertThatThrownBy(() -> new WebhookSecrets("k", Map.of("acme", "whsec_***")))
                .hasMessageContaining("heavyweight.task.webhooks.tenant-secrets.acme");
        assertThatThrownBy(() -> new WebhookSecrets("", Map.of())).hasMessageContaining("signing-key");
    }
}
