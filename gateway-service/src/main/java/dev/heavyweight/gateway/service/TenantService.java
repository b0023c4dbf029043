package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Tenant;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.client.TaskNotFoundException;
import dev.heavyweight.gateway.security.Caller;
import dev.heavyweight.gateway.security.TenantClaimAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Tenants' tiers, limits and usage as task-service knows them. */
@Singleton
public class TenantService {

    private final TaskClient tasks;

    TenantService(TaskClient tasks) {
        this.tasks = tasks;
    }

    public Uni<Tenant> own(Caller caller) {
        return tasks.getTenant(caller.tenant());
    }

    /** Any tenant (for admins); a name no token could carry cannot be a tenant. */
    public Uni<Tenant> any(String tenant) {
        if (tenant == null || !TenantClaimAugmentor.TENANT.matcher(tenant).matches()) {
            return Uni.createFrom().failure(new TaskNotFoundException());
        }
        return tasks.getTenant(tenant);
    }
}
