package dev.heavyweight.task.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.task.lifecycle.Trigger;
import dev.heavyweight.task.service.TaskClock;
import dev.heavyweight.task.service.WorkerEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** Reads a {@code TaskEventMessage} body (unknown JSON fields are ignored) into a {@link WorkerEvent}. */
@ApplicationScoped
public class TaskEventParser {

    public static final String UNPARSEABLE = "unparseable";
    public static final String UNKNOWN_TYPE = "unknown_type";

    private final ObjectMapper mapper;
    private final TaskClock clock;

    TaskEventParser(ObjectMapper mapper, TaskClock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Node names and classes are labels; a longer one is cut rather than refused. */
    private static final class TextLimits {
        private static final int MAX = 200;

        static String clip(String value) {
            return value.length() <= MAX ? value : value.substring(0, MAX);
        }
    }

    public WorkerEvent parse(byte[] body) throws UnusableEventException {
        TaskEventMessage message;
        try {
            message = mapper.readValue(body, TaskEventMessage.class);
        } catch (JsonProcessingException e) {
            throw new UnusableEventException(UNPARSEABLE, "not a task event: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnusableEventException(UNPARSEABLE, "not a task event: " + e.getMessage());
        }
        if (message == null) {
            throw new UnusableEventException(UNPARSEABLE, "empty task event");
        }
        TaskEventType type = TaskEventType.fromWireName(message.type()).orElseThrow(
                () -> new UnusableEventException(UNKNOWN_TYPE, "unknown task event type " + message.type()));
        TaskEventMessage.Timings timings = message.timings();
        return new WorkerEvent(
                trigger(type),
                taskId(message.taskId()),
                message.tenant(),
                message.attempt(),
                message.worker(),
                message.occurredAtMs() > 0 ? Instant.ofEpochMilli(message.occurredAtMs()) : clock.now(),
                message.imageKey(),
                message.reason(),
                message.detail(),
                timings == null ? null
                        : new WorkerEvent.Timings(timings.inferenceMs(), timings.imageModerationMs(), timings.uploadMs()),
                message.retryable(),
                message.moderation(),
                execution(message.execution()));
    }

    /** Null for a missing or nameless execution; a negative GPU time counts as unknown. */
    private static WorkerEvent.Execution execution(TaskEventMessage.Execution execution) {
        if (execution == null || execution.node() == null || execution.node().isBlank()) {
            return null;
        }
        String nodeClass = execution.nodeClass() == null || execution.nodeClass().isBlank() ? "unknown" : execution.nodeClass();
        return new WorkerEvent.Execution(TextLimits.clip(execution.node()), TextLimits.clip(nodeClass), Math.max(0, execution.gpuMs()));
    }

    private static UUID taskId(String raw) throws UnusableEventException {
        try {
            return UUID.fromString(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw new UnusableEventException(UNPARSEABLE, "task event without a valid task id: " + raw);
        }
    }

    private static Trigger trigger(TaskEventType type) {
        return switch (type) {
            case STARTED -> Trigger.STARTED;
            case PROGRESS -> Trigger.PROGRESS;
            case SUCCEEDED -> Trigger.SUCCEEDED;
            case FAILED -> Trigger.FAILED;
            case REJECTED -> Trigger.IMAGE_REJECTED;
        };
    }
}
