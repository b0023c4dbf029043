package dev.heavyweight.gateway.rest.admin;

import dev.heavyweight.contracts.task.EconomicsFigures;
import dev.heavyweight.contracts.task.EconomicsReport;
import dev.heavyweight.gateway.security.Roles;
import dev.heavyweight.gateway.service.PublicState;
import dev.heavyweight.gateway.client.TaskClient;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/admin/economics?from=&to=} (role admin): images, GPU-hours, utilisation, cost and kilocalories
 * per image over the fleet, per node class and per model, and task success and CSAT per model and lane.
 * {@code from} and {@code to} are ISO-8601 instants; without them the last hour.
 */
@Path("/v1/admin/economics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Fleet-wide reports (role admin)")
public class EconomicsResource {

    private final TaskClient tasks;

    EconomicsResource(TaskClient tasks) {
        this.tasks = tasks;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Cost, energy, utilisation, task success and CSAT over a window (role admin)")
    @APIResponse(responseCode = "200", description = "The report; ratios without a denominator are null")
    @APIResponse(responseCode = "400", description = "invalid-request: from or to is not an instant, or the window is empty or too long", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "forbidden: the caller lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> report(@QueryParam("from") String from, @QueryParam("to") String to) {
        return Uni.createFrom().deferred(() -> {
            Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
            Instant start = from == null || from.isBlank() ? end.minus(Duration.ofHours(1)) : instant("from", from);
            if (!start.isBefore(end)) {
                throw new InvalidRequestException("to", "must be after from");
            }
            return tasks.economics(start.toEpochMilli(), end.toEpochMilli()).map(EconomicsResource::view);
        });
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    static Map<String, Object> view(EconomicsReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", Instant.ofEpochMilli(report.getFromMs()).toString());
        out.put("to", Instant.ofEpochMilli(report.getToMs()).toString());
        out.put("window_seconds", (report.getToMs() - report.getFromMs()) / 1000.0);
        out.put("currency", report.getCurrency());
        out.putAll(figures(report.getTotal()));
        out.put("by_node_class", report.getNodeClassesList().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node_class", c.getNodeClass());
            row.put("nodes", c.getNodes());
            row.putAll(figures(c.getFigures()));
            return row;
        }).toList());
        out.put("by_model", report.getModelsList().stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", m.getModel());
            Map<String, Object> figures = figures(m.getFigures());
            figures.remove("fleet_gpu_hours");
            figures.remove("utilisation");
            row.putAll(figures);
            return row;
        }).toList());
        List<Map<String, Object>> quality = report.getQualityList().stream().map(q -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", q.getModel());
            row.put("lane", PublicState.lane(q.getLane()));
            row.put("succeeded", q.getSucceeded());
            row.put("accepted", q.getAccepted());
            row.put("task_success", q.hasTaskSuccess() ? q.getTaskSuccess() : null);
            row.put("ratings", q.getRatings());
            row.put("csat", q.hasCsat() ? q.getCsat() : null);
            return row;
        }).toList();
        out.put("quality", quality);
        return out;
    }

    private static Map<String, Object> figures(EconomicsFigures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", f.getImages());
        out.put("gpu_hours", f.getGpuHours());
        out.put("fleet_gpu_hours", f.getFleetGpuHours());
        out.put("utilisation", f.hasUtilisation() ? f.getUtilisation() : null);
        out.put("cost", f.getCost());
        out.put("cost_per_image", f.hasCostPerImage() ? f.getCostPerImage() : null);
        out.put("energy_joules", f.getEnergyJoules());
        out.put("kcal", f.getKcal());
        out.put("kcal_per_image", f.hasKcalPerImage() ? f.getKcalPerImage() : null);
        return out;
    }
}
