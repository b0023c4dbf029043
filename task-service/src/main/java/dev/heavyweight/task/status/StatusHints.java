package dev.heavyweight.task.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import dev.heavyweight.contracts.messages.TaskStatusChangedMessage;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.ConfirmedPublisher;
import dev.heavyweight.messaging.UnroutableMessageException;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.service.ThrottledLog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tells every gateway replica that a task changed: a {@link TaskStatusChangedMessage} on
 * {@code heavyweight.events} with routing key {@code status.<state>}, published after the change committed.
 * Best effort by design: the gateways read the changes themselves (ListEvents) and the hint only wakes them,
 * so a failed publish is counted and logged and never fails or delays the change.
 */
@ApplicationScoped
public class StatusHints {

    static final String HINTS = "heavyweight.status.hints";
    private static final Logger LOG = Logger.getLogger(StatusHints.class);

    private final ConfirmedPublisher publisher;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofSeconds(30));

    StatusHints(ConfirmedPublisher publisher, ObjectMapper mapper, MeterRegistry registry) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.registry = registry;
        for (String outcome : new String[] {"published", "unrouted", "failed"}) {
            counter(outcome);
        }
    }

    /** Publishes the task's current state; returns at once. */
    public void changed(TaskEntity task) {
        String state = task.state.name().toLowerCase(Locale.ROOT);
        TaskStatusChangedMessage message = new TaskStatusChangedMessage(TaskStatusChangedMessage.SCHEMA,
                task.id.toString(), task.tenant, state, task.updatedAt.toEpochMilli());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a status hint", e);
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                // Transient: a hint lost in a broker restart costs a stream one catch-up, nothing more.
                .deliveryMode(1)
                .type(TaskStatusChangedMessage.TYPE)
                .messageId(UUID.randomUUID().toString())
                .timestamp(new Date())
                .build();
        publisher.publish(Topology.EVENTS_EXCHANGE, Topology.statusRoutingKey(state), properties, body).subscribe().with(
                confirmed -> {
                    counter("published").increment();
                    throttled.recovered("publish", "status hints are published again");
                },
                failure -> {
                    if (failure instanceof UnroutableMessageException) {
                        // No gateway is listening right now: nobody to wake.
                        counter("unrouted").increment();
                        return;
                    }
                    counter("failed").increment();
                    throttled.warn("publish", "status hint for task " + task.id + " (" + state + ") not published: "
                            + failure.getMessage() + "; gateways see the change at their next catch-up");
                });
    }

    private io.micrometer.core.instrument.Counter counter(String outcome) {
        return registry.counter(HINTS, "outcome", outcome);
    }
}
