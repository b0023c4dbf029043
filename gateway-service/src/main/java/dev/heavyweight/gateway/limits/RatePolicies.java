package dev.heavyweight.gateway.limits;

import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's bucket refill rate, for RateLimit-Policy on a 429 (the RESOURCE_EXHAUSTED trailers carry
 * the bucket but not its rate). Learnt from every accepted submission, otherwise asked of task-service
 * (GetTenant) once per cache period, so a flood of refusals costs at most one lookup per tenant.
 */
@Singleton
public class RatePolicies {

    private record Known(double ratePerSecond, long atNanos) {
    }

    private final TaskClient tasks;
    private final Duration ttl;
    private final Map<String, Known> rates = new ConcurrentHashMap<>();

    RatePolicies(TaskClient tasks, GatewayConfig config) {
        this.tasks = tasks;
        this.ttl = config.ratePolicyTtl();
    }

    public void remember(String tenant, RateLimitState state) {
        if (state.ratePerSecond() > 0) {
            rates.put(tenant, new Known(state.ratePerSecond(), System.nanoTime()));
        }
    }

    /** The tenant's rate, or empty when task-service cannot say right now (the policy header is then left out). */
    public Uni<OptionalDouble> rate(String tenant) {
        Known known = rates.get(tenant);
        if (known != null && System.nanoTime() - known.atNanos() < ttl.toNanos()) {
            return Uni.createFrom().item(OptionalDouble.of(known.ratePerSecond()));
        }
        return tasks.getTenant(tenant)
                .map(found -> {
                    rates.put(tenant, new Known(found.getRatePerSecond(), System.nanoTime()));
                    return found.getRatePerSecond() > 0 ? OptionalDouble.of(found.getRatePerSecond()) : OptionalDouble.empty();
                })
                .onFailure().recoverWithItem(OptionalDouble.empty());
    }
}
