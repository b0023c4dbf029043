package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.task.config.TaskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A job's priority inside its lane: its tenant's tier, raised by one for every retry (a task that
 * already waited and failed should not queue behind fresh work), capped at the lanes' maximum.
 */
@ApplicationScoped
public class TaskPriorities {

    private final Map<String, String> tenantTiers;
    private final Map<String, Integer> tierPriorities;
    private final String defaultTier;

    @Inject
    TaskPriorities(TaskConfig config) {
        this(config.tenantTiers(), config.tierPriorities(), config.defaultTier());
    }

    /** Refuses tiers without a priority and priorities outside 0..10, so a typo fails the start, not a task. */
    public TaskPriorities(Map<String, String> tenantTiers, Map<String, Integer> tierPriorities, String defaultTier) {
        this.tenantTiers = Map.copyOf(tenantTiers);
        this.tierPriorities = Map.copyOf(tierPriorities);
        this.defaultTier = defaultTier;
        tierPriorities.forEach((tier, priority) -> {
            if (priority < 0 || priority > Topology.MAX_PRIORITY) {
                throw new IllegalArgumentException("heavyweight.task.tier-priorities." + tier + " must be between 0 and "
                        + Topology.MAX_PRIORITY + ", got " + priority);
            }
        });
        requirePriority(defaultTier, "heavyweight.task.default-tier");
        tenantTiers.forEach((tenant, tier) -> requirePriority(tier, "heavyweight.task.tenant-tiers." + tenant));
    }

    /** The AMQP priority of the {@code attempt}-th job of a task of {@code tenant} (attempt 0 counts as 1). */
    public int of(String tenant, int attempt) {
        int tierPriority = tierPriorities.get(tenantTiers.getOrDefault(tenant, defaultTier));
        return Math.min(Topology.MAX_PRIORITY, tierPriority + Math.max(0, attempt - 1));
    }

    private void requirePriority(String tier, String key) {
        if (!tierPriorities.containsKey(tier)) {
            throw new IllegalArgumentException(key + " names tier '" + tier
                    + "', which has no heavyweight.task.tier-priorities entry (known: " + tierPriorities.keySet() + ")");
        }
    }
}
