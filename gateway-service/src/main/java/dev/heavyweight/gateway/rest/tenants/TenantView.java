package dev.heavyweight.gateway.rest.tenants;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.contracts.task.Tenant;

/**
 * A tenant's tier, limits, usage and the secret that signs its webhooks.
 *
 * @param priority AMQP priority of the tenant's first attempts
 */
public record TenantView(String tenant, String tier, int priority, Limits limits, Usage usage,
        @JsonProperty("webhook_secret") String webhookSecret) {

    /** The tier's limits: the submission bucket (rate, burst) and the cap on unfinished generations. */
    public record Limits(@JsonProperty("rate_per_second") double ratePerSecond, int burst,
            @JsonProperty("max_unfinished") int maxUnfinished) {
    }

    /** @param unfinished accepted, queued or running generations now */
    public record Usage(int unfinished) {
    }

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.getTenant(), tenant.getTier(), tenant.getPriority(),
                new Limits(tenant.getRatePerSecond(), tenant.getBurst(), tenant.getMaxUnfinished()),
                new Usage(tenant.getUnfinished()),
                tenant.getWebhookSecret().isEmpty() ? null : tenant.getWebhookSecret());
    }
}
