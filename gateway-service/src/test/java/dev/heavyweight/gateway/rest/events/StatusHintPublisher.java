package dev.heavyweight.gateway.rest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.heavyweight.contracts.messages.TaskStatusChangedMessage;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.gateway.service.PublicState;
import dev.heavyweight.testsupport.platform.Infrastructure;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Publishes status hints to the real broker the way task-service does, into the gateway tests' vhost. */
final class StatusHintPublisher implements AutoCloseable {

    static final String VHOST = "heavyweight-test-gateway";

    private final Connection connection;
    private final Channel channel;
    private final ObjectMapper json = new ObjectMapper();

    StatusHintPublisher() throws IOException, TimeoutException {
        connection = Infrastructure.rabbit(VHOST);
        channel = connection.createChannel();
    }

    void hint(Task task) throws IOException {
        String state = PublicState.state(task.getState());
        TaskStatusChangedMessage message = new TaskStatusChangedMessage(TaskStatusChangedMessage.SCHEMA, task.getId(),
                task.getTenant(), state, task.getUpdatedAtMs());
        channel.basicPublish(Topology.EVENTS_EXCHANGE, Topology.statusRoutingKey(state),
                new AMQP.BasicProperties.Builder().contentType("application/json").type(TaskStatusChangedMessage.TYPE).build(),
                bytes(message));
    }

    void raw(String body) throws IOException {
        channel.basicPublish(Topology.EVENTS_EXCHANGE, Topology.statusRoutingKey("queued"), null,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private byte[] bytes(TaskStatusChangedMessage message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException, TimeoutException {
        connection.close();
    }
}
