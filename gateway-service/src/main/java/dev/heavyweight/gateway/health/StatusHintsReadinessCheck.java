package dev.heavyweight.gateway.health;

import dev.heavyweight.gateway.events.StatusHints;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * This replica hears task status changes (its hint queue is consumed); without them live streams and
 * OpenAI-style waits fall back to heartbeat polling. The broker connection itself is messaging's "rabbitmq" check.
 */
@Readiness
@ApplicationScoped
public class StatusHintsReadinessCheck implements HealthCheck {

    private final StatusHints hints;

    StatusHintsReadinessCheck(StatusHints hints) {
        this.hints = hints;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("status-hints").status(hints.isListening()).build();
    }
}
