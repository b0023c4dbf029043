package dev.heavyweight.gateway.client;

import io.grpc.Status;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Turns task-service gRPC failures into the gateway's exceptions; the cause is logged, never passed on. */
final class TaskServiceErrors {

    private static final Logger LOG = Logger.getLogger(TaskServiceErrors.class);

    /** Request fields task-service may name in an INVALID_ARGUMENT description, with their public name. */
    private static final Map<String, String> FIELDS = Map.of(
            "negative_prompt", "negative_prompt", "prompt", "prompt", "model", "model", "width", "width",
            "height", "height", "steps", "steps", "seed", "seed", "lane", "priority", "priority", "priority");
    private static final Pattern FIELD = Pattern.compile("\\b(" + String.join("|", FIELDS.keySet()) + ")\\b");

    private TaskServiceErrors() {
    }

    static RuntimeException map(String operation, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String description = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> new TaskNotFoundException();
            case INVALID_ARGUMENT -> new UpstreamInvalidArgumentException(fieldOf(description), description);
            case FAILED_PRECONDITION -> {
                LOG.debugf("task-service %s: FAILED_PRECONDITION %s", operation, description);
                yield new TaskConflictException("The generation has already finished.");
            }
            case UNAVAILABLE, DEADLINE_EXCEEDED -> {
                LOG.warnf("task-service %s: %s %s", operation, status.getCode(), description);
                yield new UpstreamUnavailableException("task-service", failure);
            }
            default -> {
                LOG.errorf(failure, "task-service %s failed: %s %s", operation, status.getCode(), description);
                yield new UpstreamFailureException("task-service " + operation + " failed", failure);
            }
        };
    }

    /** The first known request field the description names, or "request" when it names none. */
    static String fieldOf(String description) {
        Matcher m = FIELD.matcher(description);
        return m.find() ? FIELDS.get(m.group(1)) : "request";
    }
}
