package dev.heavyweight.worker.messaging;

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
import dev.heavyweight.contracts.messages.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The task-service side of the broker, for tests: publishes jobs and cancellations, watches every task
 * event through a spy queue bound to the events exchange, reads the dead-letter queue and counts the
 * messages ready in a queue.
 */
final class TestBroker implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Connection connection;
    private final Channel channel;
    private final List<TaskEventMessage> events = new CopyOnWriteArrayList<>();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();

    TestBroker(String virtualHost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(virtualHost);
        connection = factory.newConnection("inference-worker-test");
        channel = connection.createChannel();
        channel.confirmSelect();
        for (String queue : List.of(Lane.INTERACTIVE.queue(), Lane.BATCH.queue(), Topology.DEAD_QUEUE,
                Topology.TASK_SERVICE_EVENTS_QUEUE)) {
            channel.queuePurge(queue);
        }
        String spy = channel.queueDeclare().getQueue();
        channel.queueBind(spy, Topology.EVENTS_EXCHANGE, Topology.TASK_EVENTS_PATTERN);
        channel.basicConsume(spy, true, (tag, delivery) -> events.add(
                mapper.readValue(delivery.getBody(), TaskEventMessage.class)), tag -> { });
    }

    void publish(JobMessage job) throws Exception {
        publishRaw(job.lane(), mapper.writeValueAsBytes(job));
    }

    void publishRaw(String routingKey, byte[] body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).build();
        channel.basicPublish(Topology.JOBS_EXCHANGE, routingKey, true, properties, body);
        channel.waitForConfirmsOrDie(10_000);
    }

    /** Broadcasts a task's cancellation on the control exchange, as task-service does. */
    void publishCancel(JobMessage job) throws Exception {
        TaskCancelledMessage cancelled = new TaskCancelledMessage(TaskCancelledMessage.SCHEMA, job.taskId(),
                job.tenant(), System.currentTimeMillis());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").type(TaskCancelledMessage.TYPE).build();
        channel.basicPublish(Topology.CONTROL_EXCHANGE, "", false, properties, mapper.writeValueAsBytes(cancelled));
        channel.waitForConfirmsOrDie(10_000);
    }

    /** Messages ready in a queue, as the broker counts them. */
    long ready(String queue) throws IOException {
        return channel.messageCount(queue);
    }

    /** The events seen so far for one task, in arrival order. */
    List<TaskEventMessage> eventsFor(String taskId) {
        return events.stream().filter(e -> e.taskId().equals(taskId)).toList();
    }

    /** Bodies that reached the dead-letter queue (drains it). */
    List<String> deadLetters() throws IOException {
        GetResponse got;
        while ((got = channel.basicGet(Topology.DEAD_QUEUE, true)) != null) {
            deadLetters.add(new String(got.getBody(), StandardCharsets.UTF_8));
        }
        return deadLetters;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
