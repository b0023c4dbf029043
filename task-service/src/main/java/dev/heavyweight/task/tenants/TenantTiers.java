package dev.heavyweight.task.tenants;

import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.task.config.TaskConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each tenant's tier (lane priority, rate, burst, cap on unfinished tasks), from configuration. Built at
 * start and checked whole, so a tier named but not defined, or a value out of range, fails the start
 * instead of a submission.
 */
@Startup
@ApplicationScoped
public class TenantTiers {

    private static final String PREFIX = "heavyweight.task.";

    private final Map<String, String> tenantTiers;
    private final Map<String, Tier> tiers;
    private final String defaultTier;

    @Inject
    TenantTiers(TaskConfig config) {
        this(config.tenantTiers(), fromConfig(config.tiers()), config.defaultTier());
    }

    public TenantTiers(Map<String, String> tenantTiers, Map<String, Tier> tiers, String defaultTier) {
        this.tenantTiers = Map.copyOf(tenantTiers);
        this.tiers = Map.copyOf(tiers);
        this.defaultTier = defaultTier;
        tiers.values().forEach(TenantTiers::check);
        requireDefined(defaultTier, PREFIX + "default-tier");
        tenantTiers.forEach((tenant, tier) -> requireDefined(tier, PREFIX + "tenant-tiers." + tenant));
    }

    /** The tier of {@code tenant}: its own, or the default tier. */
    public Tier of(String tenant) {
        return tiers.get(tenantTiers.getOrDefault(tenant, defaultTier));
    }

    /**
     * The AMQP priority of the {@code attempt}-th job of a task of {@code tenant} (attempt 0 counts as 1): the
     * tier's, raised by one per retry (a task that already waited and failed should not queue behind fresh
     * work), capped at the lanes' maximum.
     */
    public int priority(String tenant, int attempt) {
        return Math.min(Topology.MAX_PRIORITY, of(tenant).priority() + Math.max(0, attempt - 1));
    }

    private static Map<String, Tier> fromConfig(Map<String, TaskConfig.Tier> configured) {
        Map<String, Tier> tiers = new HashMap<>();
        configured.forEach((name, tier) -> tiers.put(name,
                new Tier(name, tier.priority(), tier.rate(), tier.burst(), tier.maxUnfinished())));
        return tiers;
    }

    private static void check(Tier tier) {
        String key = PREFIX + "tiers." + tier.name() + ".";
        if (tier.priority() < 0 || tier.priority() > Topology.MAX_PRIORITY) {
            throw new IllegalArgumentException(key + "priority must be between 0 and " + Topology.MAX_PRIORITY
                    + ", got " + tier.priority());
        }
        if (!(tier.ratePerSecond() > 0) || Double.isInfinite(tier.ratePerSecond())) {
            throw new IllegalArgumentException(key + "rate must be a positive number of submissions per second, got "
                    + tier.ratePerSecond());
        }
        if (tier.burst() < 1) {
            throw new IllegalArgumentException(key + "burst must be at least 1, got " + tier.burst());
        }
        if (tier.maxUnfinished() < 1) {
            throw new IllegalArgumentException(key + "max-unfinished must be at least 1, got " + tier.maxUnfinished());
        }
    }

    private void requireDefined(String tier, String key) {
        if (!tiers.containsKey(tier)) {
            throw new IllegalArgumentException(key + " names tier '" + tier + "', which is not defined by "
                    + PREFIX + "tiers." + tier + ".* (defined: " + new TreeSet<>(tiers.keySet()) + ")");
        }
    }
}
