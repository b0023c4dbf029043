package dev.heavyweight.gateway.rest.admin;

import dev.heavyweight.contracts.task.LaneBacklog;
import dev.heavyweight.contracts.task.OperationsReport;
import dev.heavyweight.contracts.task.StateCount;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.Problem;
import dev.heavyweight.gateway.security.Roles;
import dev.heavyweight.gateway.service.PublicState;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/admin/operations?window_seconds=} (role admin): per lane the unfinished tasks by state and the
 * wait of the oldest queued one, and the tasks created in the window (default one hour) by state, fleet-wide.
 */
@Path("/v1/admin/operations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class OperationsResource {

    private final TaskClient tasks;

    OperationsResource(TaskClient tasks) {
        this.tasks = tasks;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Backlog and oldest wait per lane, tasks per state in the last hour (role admin)")
    @APIResponse(responseCode = "200", description = "{at, window_seconds, lanes{interactive,batch}{accepted,queued,running,oldest_queued_at,oldest_wait_seconds}, states{state: count}}")
    @APIResponse(responseCode = "400", description = "invalid-request: window_seconds is not a whole number between 1 and 604800", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "forbidden: the caller lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> report(@QueryParam("window_seconds") String window) {
        return Uni.createFrom().deferred(() -> tasks.operations(seconds(window)).map(OperationsResource::view));
    }

    private static long seconds(String window) {
        if (window == null || window.isBlank()) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(window.trim());
            if (seconds >= 1) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("window_seconds", "must be a whole number of seconds between 1 and 604800");
    }

    static Map<String, Object> view(OperationsReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant at = Instant.ofEpochMilli(report.getAtMs());
        out.put("at", at.toString());
        out.put("window_seconds", report.getWindowSeconds());
        Map<String, Object> lanes = new LinkedHashMap<>();
        for (LaneBacklog lane : report.getLanesList()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("accepted", lane.getAccepted());
            row.put("queued", lane.getQueued());
            row.put("running", lane.getRunning());
            row.put("oldest_queued_at", lane.hasOldestQueuedAtMs() ? Instant.ofEpochMilli(lane.getOldestQueuedAtMs()).toString() : null);
            row.put("oldest_wait_seconds", lane.hasOldestQueuedAtMs()
                    ? Math.max(0, report.getAtMs() - lane.getOldestQueuedAtMs()) / 1000.0 : null);
            lanes.put(PublicState.lane(lane.getLane()), row);
        }
        out.put("lanes", lanes);
        Map<String, Object> states = new LinkedHashMap<>();
        for (StateCount state : report.getStatesList()) {
            states.put(PublicState.state(state.getState()), state.getCount());
        }
        out.put("states", states);
        return out;
    }
}
