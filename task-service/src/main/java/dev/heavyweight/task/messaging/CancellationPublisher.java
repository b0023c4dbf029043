package dev.heavyweight.task.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import dev.heavyweight.contracts.messages.TaskCancelledMessage;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.ConfirmedPublisher;
import dev.heavyweight.messaging.UnroutableMessageException;
import dev.heavyweight.task.repository.TaskEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.UUID;

/** Broadcasts a task's cancellation to every worker on {@code heavyweight.control}, with publisher confirms. */
@ApplicationScoped
public class CancellationPublisher {

    private final ConfirmedPublisher publisher;
    private final ObjectMapper mapper;

    CancellationPublisher(ConfirmedPublisher publisher, ObjectMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /**
     * True once a worker's queue took the message, false when no worker listens (no queue took it: nobody
     * holds the job, so there is nobody to tell); fails when the broker does.
     */
    public Uni<Boolean> broadcast(TaskEntity task) {
        TaskCancelledMessage message = new TaskCancelledMessage(TaskCancelledMessage.SCHEMA, task.id.toString(),
                task.tenant, task.finishedAt.toEpochMilli());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise a cancellation", e));
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .type(TaskCancelledMessage.TYPE)
                .messageId(UUID.randomUUID().toString())
                .timestamp(new Date())
                .build();
        return publisher.publish(Topology.CONTROL_EXCHANGE, "", properties, body)
                .replaceWith(true)
                .onFailure(UnroutableMessageException.class).recoverWithItem(false);
    }
}
