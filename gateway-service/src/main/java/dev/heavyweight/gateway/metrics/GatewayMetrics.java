package dev.heavyweight.gateway.metrics;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.gateway.client.IdempotencyKeyReusedException;
import dev.heavyweight.gateway.client.UpstreamInvalidArgumentException;
import dev.heavyweight.gateway.client.UpstreamUnavailableException;
import dev.heavyweight.gateway.limits.LimitExceededException;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.service.Submission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * {@code heavyweight_gateway_submissions_total{priority,outcome}}: outcome is accepted, replayed, invalid,
 * limited (429), conflict (idempotency key reused), unavailable or error; priority is interactive, batch,
 * or "unknown" when the request's was not valid. {@code heavyweight_gateway_event_streams} counts open live
 * streams. Request counts and latencies per route come from the HTTP server metrics.
 */
@Singleton
public class GatewayMetrics {

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code failure} is null for an accepted (or replayed) submission. */
    public void recordSubmission(String requestedPriority, Submission submission, Throwable failure) {
        String priority = requestedPriority == null
                ? Lane.INTERACTIVE.routingKey()
                : Lane.fromName(requestedPriority).map(Lane::routingKey).orElse("unknown");
        Counter.builder("heavyweight.gateway.submissions")
                .description("Generation submissions by priority and outcome")
                .tags("priority", priority, "outcome", outcome(submission, failure))
                .register(registry)
                .increment();
    }

    /** Registers the gauge of open live streams. */
    public void eventStreams(Supplier<Number> open) {
        registry.gauge("heavyweight.gateway.event.streams", java.util.List.of(), open, s -> s.get().doubleValue());
    }

    private static String outcome(Submission submission, Throwable failure) {
        if (failure == null) {
            return submission != null && submission.replayed() ? "replayed" : "accepted";
        }
        if (failure instanceof InvalidRequestException || failure instanceof UpstreamInvalidArgumentException) {
            return "invalid";
        }
        if (failure instanceof LimitExceededException) {
            return "limited";
        }
        if (failure instanceof IdempotencyKeyReusedException) {
            return "conflict";
        }
        if (failure instanceof UpstreamUnavailableException) {
            return "unavailable";
        }
        return "error";
    }
}
