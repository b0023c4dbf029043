package dev.heavyweight.task;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskCancelledMessage;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.messages.TaskStatusChangedMessage;
import dev.heavyweight.contracts.messages.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/** A raw AMQP view of the test virtual host: what a worker would see and send. */
final class Broker implements AutoCloseable {

    static final String VHOST = "heavyweight-test-task";

    /** Tolerant of unknown fields, as every consumer of our messages is (JobMessage also carries "lastAttempt"). */
    private final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Connection connection;
    private final Channel channel;

    Broker() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(VHOST);
        connection = factory.newConnection("task-service-test");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    void purgeJobs() throws IOException {
        for (Lane lane : Lane.values()) {
            channel.queuePurge(lane.queue());
        }
        channel.queuePurge(Topology.DEAD_QUEUE);
    }

    /** Drops worker events a previous, interrupted run may have left, so counters move only for this run's. */
    void purgeEvents() throws IOException {
        channel.queuePurge(Topology.TASK_SERVICE_EVENTS_QUEUE);
    }

    /** Removes a lane's binding, so jobs for it cannot be routed (what a misconfigured broker does). */
    void unbind(Lane lane) throws IOException {
        channel.queueUnbind(lane.queue(), Topology.JOBS_EXCHANGE, lane.routingKey());
    }

    void bind(Lane lane) throws IOException {
        channel.queueBind(lane.queue(), Topology.JOBS_EXCHANGE, lane.routingKey());
    }

    long ready(Lane lane) throws IOException {
        return channel.messageCount(lane.queue());
    }

    /** Takes (and acknowledges) the next job of a lane, or null when the lane is empty. */
    Job take(Lane lane) throws IOException {
        GetResponse response = channel.basicGet(lane.queue(), true);
        if (response == null) {
            return null;
        }
        return new Job(mapper.readValue(response.getBody(), JobMessage.class), response.getProps());
    }

    /** The next job of a lane, waiting for the relay to publish it. */
    Job awaitJob(Lane lane) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> take(lane), Objects::nonNull);
    }

    /** A queue of this connection bound to {@code heavyweight.control}, as a worker has; gone with the connection. */
    String listenToControl() throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Topology.CONTROL_EXCHANGE, "");
        return queue;
    }

    /** A queue of this connection bound to every status hint, as each gateway replica has one. */
    String listenToStatus() throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Topology.EVENTS_EXCHANGE, Topology.STATUS_PATTERN);
        return queue;
    }

    /** The next status hint on {@code queue}, or null when there is none now. */
    Status takeStatus(String queue) throws IOException {
        GetResponse response = channel.basicGet(queue, true);
        return response == null ? null : new Status(response.getEnvelope().getRoutingKey(),
                mapper.readValue(response.getBody(), TaskStatusChangedMessage.class), response.getProps());
    }

    void stopListening(String queue) throws IOException {
        channel.queueDelete(queue);
    }

    /** The next control message on {@code queue}, waiting for it. */
    Control awaitControl(String queue) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            GetResponse response = channel.basicGet(queue, true);
            return response == null ? null
                    : new Control(mapper.readValue(response.getBody(), TaskCancelledMessage.class), response.getProps());
        }, Objects::nonNull);
    }

    /** Publishes a worker event the way the worker does and waits for the broker's confirm. */
    void publish(TaskEventMessage event) throws Exception {
        publishRaw(event.type(), mapper.writeValueAsBytes(event));
    }

    void publishRaw(String routingKey, String body) throws Exception {
        publishRaw(routingKey, body.getBytes(StandardCharsets.UTF_8));
    }

    private void publishRaw(String routingKey, byte[] body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .build();
        channel.basicPublish(Topology.EVENTS_EXCHANGE, routingKey, properties, body);
        channel.waitForConfirmsOrDie(10_000);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    record Job(JobMessage message, AMQP.BasicProperties properties) {
    }

    record Control(TaskCancelledMessage message, AMQP.BasicProperties properties) {
    }

    record Status(String routingKey, TaskStatusChangedMessage message, AMQP.BasicProperties properties) {
    }
}
