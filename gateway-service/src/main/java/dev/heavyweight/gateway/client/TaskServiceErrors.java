package dev.heavyweight.gateway.client;

import dev.heavyweight.contracts.limits.LimitTrailers;
import dev.heavyweight.gateway.limits.LimitExceededException;
import dev.heavyweight.gateway.limits.RateLimitState;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Turns task-service gRPC failures into the gateway's exceptions; the cause is logged, never passed on. */
final class TaskServiceErrors {

    private static final Logger LOG = Logger.getLogger(TaskServiceErrors.class);

    /** The rpcs, each with the request fields its INVALID_ARGUMENT descriptions may name and their public names. */
    enum Operation {
        SUBMIT("Submit", fields("negative_prompt", "negative_prompt", "prompt", "prompt", "model", "model",
                "width", "width", "height", "height", "steps", "steps", "seed", "seed", "lane", "priority",
                "priority", "priority", "webhook_url", "webhook_url", "idempotency_key", "Idempotency-Key",
                "end_user", "user")),
        GET("Get", fields()),
        CANCEL("Cancel", fields()),
        LIST("List", fields("state", "state", "lane", "lane", "limit", "limit", "cursor", "cursor")),
        LIST_EVENTS("ListEvents", fields()),
        PUT_FEEDBACK("PutFeedback", fields("accepted", "accepted", "rating", "rating", "comment", "comment")),
        RECORD_DOWNLOAD("RecordDownload", fields()),
        GET_TENANT("GetTenant", fields("tenant", "tenant")),
        GET_ECONOMICS("GetEconomics", fields("from", "from", "to", "to")),
        GET_OPERATIONS("GetOperations", fields("window_seconds", "window_seconds"));

        private final String rpc;
        private final Map<String, String> fields;
        private final Pattern pattern;

        Operation(String rpc, Map<String, String> fields) {
            this.rpc = rpc;
            this.fields = fields;
            this.pattern = fields.isEmpty() ? null : Pattern.compile("\\b(" + String.join("|", fields.keySet()) + ")\\b");
        }

        /** The first known request field the description names, or "request" when it names none. */
        String fieldOf(String description) {
            if (pattern == null) {
                return "request";
            }
            Matcher m = pattern.matcher(description);
            return m.find() ? fields.get(m.group(1)) : "request";
        }

        private static Map<String, String> fields(String... pairs) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put(pairs[i], pairs[i + 1]);
            }
            return map;
        }
    }

    private TaskServiceErrors() {
    }

    static RuntimeException map(Operation operation, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        String description = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> new TaskNotFoundException();
            case INVALID_ARGUMENT -> new UpstreamInvalidArgumentException(operation.fieldOf(description), description);
            case FAILED_PRECONDITION -> {
                LOG.debugf("task-service %s: FAILED_PRECONDITION %s", operation.rpc, description);
                yield new TaskConflictException("The generation has already finished.");
            }
            case ALREADY_EXISTS -> new IdempotencyKeyReusedException();
            case RESOURCE_EXHAUSTED -> limitExceeded(Status.trailersFromThrowable(failure));
            case UNAVAILABLE, DEADLINE_EXCEEDED -> {
                LOG.warnf("task-service %s: %s %s", operation.rpc, status.getCode(), description);
                yield new UpstreamUnavailableException("task-service", failure);
            }
            default -> {
                LOG.errorf(failure, "task-service %s failed: %s %s", operation.rpc, status.getCode(), description);
                yield new UpstreamFailureException("task-service " + operation.rpc + " failed", failure);
            }
        };
    }

    /** Reads the LimitTrailers; missing ones count as a rate limit to retry in a second. */
    static LimitExceededException limitExceeded(Metadata trailers) {
        Metadata t = trailers == null ? new Metadata() : trailers;
        LimitExceededException.Limit limit = LimitTrailers.UNFINISHED.equals(text(t, LimitTrailers.LIMIT))
                ? LimitExceededException.Limit.UNFINISHED
                : LimitExceededException.Limit.RATE;
        long retryAfterMs = number(t, LimitTrailers.RETRY_AFTER_MS, 1000);
        RateLimitState state = new RateLimitState((int) number(t, LimitTrailers.LIMIT_VALUE, 0),
                (int) number(t, LimitTrailers.REMAINING, 0),
                number(t, LimitTrailers.RESET_MS, limit == LimitExceededException.Limit.RATE ? retryAfterMs : 0),
                decimal(t, LimitTrailers.RATE_PER_SECOND));
        return new LimitExceededException(limit, retryAfterMs, state);
    }

    /** A decimal trailer, 0 when missing or unreadable (RateLimit-Policy is then left out). */
    private static double decimal(Metadata trailers, String key) {
        try {
            String value = text(trailers, key);
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(Metadata trailers, String key) {
        return trailers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }

    private static long number(Metadata trailers, String key, long fallback) {
        String value = text(trailers, key);
        if (value == null) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warnf("task-service sent a non-numeric %s trailer: %s", key, value);
            return fallback;
        }
    }
}
