package dev.heavyweight.gateway.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.heavyweight.contracts.messages.TaskStatusChangedMessage;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.RabbitConnection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Status-change hints from task-service, fanned out to this replica's waiters. Each gateway replica has
 * a queue of its own (server-named, exclusive, auto-delete: it goes with the connection, and the client's
 * recovery declares a new one) bound to heavyweight.events with {@code status.#}, so every replica hears
 * every change. Hints are auto-acked: one lost with a broker restart only delays a stream until its next
 * heartbeat, since the changes themselves are always read back from task-service.
 */
@Singleton
public class StatusHints {

    private static final Logger LOG = Logger.getLogger(StatusHints.class);

    private final RabbitConnection rabbit;
    private final ObjectReader reader;
    private final Map<String, Set<MultiEmitter<? super TaskStatusChangedMessage>>> waiters = new ConcurrentHashMap<>();
    private volatile Channel channel;

    StatusHints(RabbitConnection rabbit, ObjectMapper mapper) {
        this.rabbit = rabbit;
        // Lenient, unlike request bodies: a newer task-service may add fields to its hints.
        this.reader = mapper.readerFor(TaskStatusChangedMessage.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void onStart(@Observes StartupEvent event) {
        rabbit.onConnected(this::bind);
    }

    /**
     * The hints about one task from now on, never completing by itself; cancel it when done. A slow
     * subscriber sees only the latest hint: each one means "read the task again", so more are no news.
     */
    public Multi<TaskStatusChangedMessage> of(String taskId) {
        return Multi.createFrom().emitter(emitter -> {
            waiters.computeIfAbsent(taskId, id -> ConcurrentHashMap.newKeySet()).add(emitter);
            emitter.onTermination(() -> waiters.computeIfPresent(taskId, (id, set) -> {
                set.remove(emitter);
                return set.isEmpty() ? null : set;
            }));
        }, BackPressureStrategy.LATEST);
    }

    /** True while this replica's hint queue is being consumed. */
    public boolean isListening() {
        Channel ch = channel;
        return ch != null && ch.isOpen() && rabbit.isOpen();
    }

    private void bind(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        String queue = ch.queueDeclare("", false, true, true, Map.of()).getQueue();
        ch.queueBind(queue, Topology.EVENTS_EXCHANGE, Topology.STATUS_PATTERN);
        ch.basicConsume(queue, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                dispatch(body);
            }
        });
        channel = ch;
        LOG.infof("listening for status hints on %s (queue %s)", Topology.EVENTS_EXCHANGE, queue);
    }

    private void dispatch(byte[] body) {
        TaskStatusChangedMessage hint;
        try {
            hint = reader.readValue(body);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("ignoring a status hint that is not a TaskStatusChangedMessage: %s", e.getMessage());
            return;
        }
        Set<MultiEmitter<? super TaskStatusChangedMessage>> listening = waiters.get(String.valueOf(hint.taskId()));
        if (listening != null) {
            listening.forEach(emitter -> emitter.emit(hint));
        }
    }
}
