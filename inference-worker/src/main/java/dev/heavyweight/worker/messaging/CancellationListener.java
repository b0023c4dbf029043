package dev.heavyweight.worker.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.rabbitmq.client.Delivery;
import dev.heavyweight.contracts.messages.TaskCancelledMessage;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.ManualAckConsumer;
import dev.heavyweight.messaging.ManualAckConsumer.Disposition;
import dev.heavyweight.messaging.RabbitConnection;
import dev.heavyweight.worker.service.CancellationRegistry;
import dev.heavyweight.worker.service.RunningJobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Hears every task cancellation task-service broadcasts on {@link Topology#CONTROL_EXCHANGE}, through
 * a queue of this worker's own: remembers it (a job still queued is skipped when it arrives) and stops
 * the task's job if it runs here (its gRPC call is cancelled). Control messages are always acked: one
 * that cannot be read is logged and dropped rather than blocking the ones behind it.
 */
@ApplicationScoped
public class CancellationListener {

    private static final Logger LOG = Logger.getLogger(CancellationListener.class);
    private static final int PREFETCH = 32;

    private final RabbitConnection rabbit;
    private final CancellationRegistry cancellations;
    private final RunningJobs running;
    private final ObjectReader reader;
    private ManualAckConsumer consumer;

    CancellationListener(RabbitConnection rabbit, CancellationRegistry cancellations, RunningJobs running,
            ObjectMapper mapper) {
        this.rabbit = rabbit;
        this.cancellations = cancellations;
        this.running = running;
        this.reader = mapper.readerFor(TaskCancelledMessage.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public synchronized void start() {
        if (consumer == null) {
            consumer = rabbit.broadcastConsumer(Topology.CONTROL_EXCHANGE, PREFETCH, this::handle);
            consumer.start();
        }
    }

    /** True while the broker delivers control messages to this worker. */
    public synchronized boolean isListening() {
        return consumer != null && consumer.isConsuming();
    }

    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
        }
    }

    private Uni<Disposition> handle(Delivery delivery) {
        String type = delivery.getProperties().getType();
        if (type != null && !TaskCancelledMessage.TYPE.equals(type)) {
            LOG.debugf("ignoring control message of type %s", type);
            return Uni.createFrom().item(Disposition.ACK);
        }
        TaskCancelledMessage cancelled;
        try {
            cancelled = reader.readValue(delivery.getBody());
        } catch (IOException e) {
            LOG.warnf("dropping an unreadable control message: %s", e.getMessage());
            return Uni.createFrom().item(Disposition.ACK);
        }
        if (cancelled == null || cancelled.schema() != TaskCancelledMessage.SCHEMA || cancelled.taskId() == null
                || cancelled.taskId().isBlank()) {
            LOG.warnf("dropping a cancellation this worker cannot read: %s", cancelled);
            return Uni.createFrom().item(Disposition.ACK);
        }
        cancellations.cancel(cancelled.taskId());
        boolean stopped = running.cancel(cancelled.taskId());
        LOG.debugf("task %s cancelled%s", cancelled.taskId(), stopped ? "; stopped its running job" : "");
        return Uni.createFrom().item(Disposition.ACK);
    }
}
