package dev.heavyweight.task.tenants;

import dev.heavyweight.task.limits.SubmissionLimits;
import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.webhooks.WebhookSecrets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetTenant: a tenant's tier and limits, its unfinished tasks now and its webhook signing secret. */
@ApplicationScoped
public class TenantService {

    private final TenantTiers tiers;
    private final SubmissionLimits limits;
    private final WebhookSecrets secrets;

    TenantService(TenantTiers tiers, SubmissionLimits limits, WebhookSecrets secrets) {
        this.tiers = tiers;
        this.limits = limits;
        this.secrets = secrets;
    }

    @WithSession
    public Uni<TenantStanding> standing(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return Uni.createFrom().failure(new InvalidFieldException("tenant", "is required"));
        }
        return limits.unfinished(tenant)
                .map(unfinished -> new TenantStanding(tenant, tiers.of(tenant), unfinished, secrets.secretOf(tenant)));
    }
}
