package dev.heavyweight.worker.messaging;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.ModerationDecision;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.messages.Topology;
import dev.heavyweight.messaging.ConfirmedPublisher;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.service.JobOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Reports task events to task-service on {@link Topology#EVENTS_EXCHANGE}, routed by event type. Each
 * Uni completes once the broker confirmed the event and fails with
 * {@link dev.heavyweight.messaging.BrokerUnavailableException} when it did not.
 */
@ApplicationScoped
public class TaskEventPublisher {

    private static final int EVENT_PRIORITY = 0;

    private final ConfirmedPublisher publisher;
    private final String workerId;

    TaskEventPublisher(ConfirmedPublisher publisher, WorkerConfig config) {
        this.publisher = publisher;
        this.workerId = config.id().orElseGet(TaskEventPublisher::defaultWorkerId);
    }

    public Uni<Void> started(JobMessage job) {
        return publish(job, TaskEventType.STARTED, null, null, null, TaskEventMessage.Timings.NONE, false, null, null);
    }

    public Uni<Void> finished(JobMessage job, JobOutcome outcome) {
        String reason = outcome.reason() == null ? null : outcome.reason().wireName();
        return publish(job, outcome.type(), outcome.imageKey(), reason, outcome.detail(), outcome.timings(),
                outcome.retryable(), outcome.moderation(), outcome.execution());
    }

    private Uni<Void> publish(JobMessage job, TaskEventType type, String imageKey, String reason, String detail,
            TaskEventMessage.Timings timings, boolean retryable, ModerationDecision moderation,
            TaskEventMessage.Execution execution) {
        TaskEventMessage event = new TaskEventMessage(TaskEventMessage.SCHEMA, type.wireName(), job.taskId(),
                job.tenant(), job.attempt(), workerId, System.currentTimeMillis(), imageKey, reason, detail, timings,
                retryable, moderation, execution);
        return publisher.publishJson(Topology.EVENTS_EXCHANGE, type.wireName(), event, EVENT_PRIORITY, Map.of());
    }

    /** {@code <hostname>-<pid>}: unique per process, and the pod name in Kubernetes. */
    private static String defaultWorkerId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "worker";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
