package dev.heavyweight.task.messaging;

import com.rabbitmq.client.Delivery;
import dev.heavyweight.contracts.logging.TaskMdc;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.ManualAckConsumer;
import dev.heavyweight.messaging.ManualAckConsumer.Disposition;
import dev.heavyweight.messaging.RabbitConnection;
import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.metrics.TaskMetrics;
import dev.heavyweight.task.service.CommittedChanges;
import dev.heavyweight.task.service.EventOutcome;
import dev.heavyweight.task.service.TaskEventService;
import dev.heavyweight.task.service.WorkerEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Consumes worker events from {@code task-service.events}. A delivery is acknowledged only after its
 * outcome is committed; a database failure leaves it to be redelivered. Events that can never apply
 * (unreadable, unknown task, ended task, stale attempt) are acknowledged, logged and counted.
 */
@ApplicationScoped
public class TaskEventConsumer {

    private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

    private final ManualAckConsumer consumer;
    private final TaskEventParser parser;
    private final TaskEventService events;
    private final TaskMetrics metrics;
    private final CommittedChanges changes;

    TaskEventConsumer(RabbitConnection connection, TaskConfig config, TaskEventParser parser,
            TaskEventService events, TaskMetrics metrics, CommittedChanges changes) {
        this.parser = parser;
        this.events = events;
        this.metrics = metrics;
        this.changes = changes;
        this.consumer = connection.consumer(Topology.TASK_SERVICE_EVENTS_QUEUE, config.events().prefetch(), this::handle);
    }

    void start(@Observes StartupEvent event) {
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        consumer.close();
    }

    Uni<Disposition> handle(Delivery delivery) {
        WorkerEvent event;
        try {
            event = parser.parse(delivery.getBody());
        } catch (UnusableEventException e) {
            ignored(e.reason(), e.getMessage());
            return Uni.createFrom().item(Disposition.ACK);
        }
        // On this delivery's own context, next to the trace id the worker's message carried.
        TaskMdc.put(event.taskId(), event.tenant());
        LOG.debugf("worker event %s attempt %d for task %s", event.trigger().eventType(), event.attempt(),
                event.taskId());
        return events.apply(event).map(outcome -> {
            if (outcome.task() != null) {
                changes.transitioned(outcome.task(), outcome.decision());
            }
            if (outcome.ignoredReason() != null) {
                ignored(outcome.ignoredReason(), describe(event, outcome));
            }
            return Disposition.ACK;
        });
    }

    private void ignored(String reason, String message) {
        metrics.eventIgnored(reason);
        LOG.infof("ignored a worker event (%s): %s", reason, message);
    }

    private static String describe(WorkerEvent event, EventOutcome outcome) {
        String state = outcome.task() == null ? "" : " (task is " + outcome.task().state + ", attempt " + outcome.task().attempt + ")";
        return event.trigger().eventType() + " attempt " + event.attempt() + " for task " + event.taskId() + state;
    }
}
