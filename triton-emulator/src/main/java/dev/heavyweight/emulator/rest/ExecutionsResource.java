package dev.heavyweight.emulator.rest;

import dev.heavyweight.emulator.service.Execution;
import dev.heavyweight.emulator.service.ExecutionLog;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The record benchmarks read: every call the nodes finished (answered, failed, refused or cancelled), with
 * the node that took it and when it arrived, got a slot and ended. Bounded: the oldest entries go first.
 */
@Path("/admin/executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

    /** One node, as an execution names it. */
    public record NodeRef(int index, String address) {
    }

    /**
     * One finished call; {@code started_at_ms} is null when it never got a slot, {@code traceparent} when the
     * call came without a W3C trace context.
     */
    public record ExecutionView(String id, NodeRef node, String model, long arrivedAtMs, Long startedAtMs,
                                long finishedAtMs, String outcome, int steps, String traceparent) {

        static ExecutionView of(Execution e) {
            return new ExecutionView(e.id(), new NodeRef(e.node(), e.address()), e.model(), e.arrivedAtMs(),
                    e.startedAtMs(), e.finishedAtMs(), e.outcome(), e.steps(), e.traceparent());
        }
    }

    /**
     * @param complete false when entries finished at or after {@code since} were already dropped to stay
     *                 within {@code capacity}
     */
    public record ExecutionsPage(long since, int capacity, boolean complete, int count,
                                 List<ExecutionView> executions) {
    }

    private final ExecutionLog log;

    ExecutionsResource(ExecutionLog log) {
        this.log = log;
    }

    /**
     * Calls that finished at or after {@code since} (epoch milliseconds; default 0 = all kept), oldest first;
     * with {@code model} (repeated or comma-separated), only calls for those models.
     */
    @GET
    public ExecutionsPage since(@QueryParam("since") String since, @QueryParam("model") List<String> model) {
        long sinceMs = parse(since);
        Set<String> models = model.stream().flatMap(m -> Arrays.stream(m.split(","))).map(String::trim)
                .filter(m -> !m.isEmpty()).collect(Collectors.toSet());
        ExecutionLog.Page page = log.since(sinceMs);
        List<ExecutionView> views = page.executions().stream()
                .filter(e -> models.isEmpty() || models.contains(e.model()))
                .map(ExecutionView::of).toList();
        return new ExecutionsPage(sinceMs, log.capacity(), page.complete(), views.size(), views);
    }

    @DELETE
    public void clear() {
        log.clear();
    }

    private static long parse(String since) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(since.trim());
            if (value < 0) {
                throw new IllegalArgumentException("since must not be negative, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("since must be epoch milliseconds (an integer), was '" + since + "'");
        }
    }
}
