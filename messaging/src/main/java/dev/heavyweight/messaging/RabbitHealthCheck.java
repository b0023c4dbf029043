package dev.heavyweight.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker connection is open: without it no job or event moves. */
@Readiness
@ApplicationScoped
public class RabbitHealthCheck implements HealthCheck {

    private final RabbitConnection connection;

    RabbitHealthCheck(RabbitConnection connection) {
        this.connection = connection;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rabbitmq")
                .status(connection.isOpen())
                .withData("broker", connection.describe())
                .build();
    }
}
