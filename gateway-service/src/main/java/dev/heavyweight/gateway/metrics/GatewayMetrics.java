package dev.heavyweight.gateway.metrics;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.gateway.client.UpstreamInvalidArgumentException;
import dev.heavyweight.gateway.client.UpstreamUnavailableException;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * {@code heavyweight_gateway_submissions_total{priority,outcome}}: outcome is accepted, invalid,
 * unavailable or error; priority is interactive, batch, or "unknown" when the request's was not valid.
 * Request counts and latencies per route come from the HTTP server metrics.
 */
@Singleton
public class GatewayMetrics {

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code failure} is null for an accepted submission. */
    public void recordSubmission(String requestedPriority, Throwable failure) {
        String priority = requestedPriority == null
                ? Lane.INTERACTIVE.routingKey()
                : Lane.fromName(requestedPriority).map(Lane::routingKey).orElse("unknown");
        Counter.builder("heavyweight.gateway.submissions")
                .description("Generation submissions by priority and outcome")
                .tags("priority", priority, "outcome", outcome(failure))
                .register(registry)
                .increment();
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "accepted";
        }
        if (failure instanceof InvalidRequestException || failure instanceof UpstreamInvalidArgumentException) {
            return "invalid";
        }
        if (failure instanceof UpstreamUnavailableException) {
            return "unavailable";
        }
        return "error";
    }
}
