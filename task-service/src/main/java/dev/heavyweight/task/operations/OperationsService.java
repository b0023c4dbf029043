package dev.heavyweight.task.operations;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.service.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's picture of the task store, fleet-wide: what waits on each lane now (unfinished tasks by state,
 * the oldest queued one) and how the tasks created in a recent window stand. Two grouped queries; the first reads
 * the partial index of waiting tasks, the second the index on {@code created_at} (V7).
 */
@ApplicationScoped
public class OperationsService {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    private static final String BACKLOG = """
            SELECT lane, state, count(*) AS tasks, min(queued_at) AS oldest_queued_at
            FROM tasks WHERE state IN ('ACCEPTED', 'QUEUED', 'RUNNING') GROUP BY lane, state""";
    private static final String STATES = """
            SELECT state, count(*) AS tasks FROM tasks WHERE created_at >= $1 GROUP BY state""";

    /** One lane now; {@code oldestQueuedAt} is null when nothing is queued there. */
    public record LaneBacklog(Lane lane, long accepted, long queued, long running, Instant oldestQueuedAt) {
    }

    /** @param states every state, zeros included, of the tasks created in [at − window, at] */
    public record Report(Instant at, Duration window, Map<Lane, LaneBacklog> lanes, Map<TaskState, Long> states) {
    }

    private final Pool pool;

    OperationsService(Pool pool) {
        this.pool = pool;
    }

    /** {@code window} null for {@link #DEFAULT_WINDOW}. */
    public Uni<Report> report(Duration window) {
        return Uni.createFrom().deferred(() -> {
            Duration span = window == null ? DEFAULT_WINDOW : window;
            if (span.compareTo(Duration.ofSeconds(1)) < 0 || span.compareTo(MAX_WINDOW) > 0) {
                throw new InvalidFieldException("window_seconds", "must be between 1 and " + MAX_WINDOW.toSeconds());
            }
            Instant at = Instant.now();
            Uni<Map<Lane, LaneBacklog>> lanes = pool.query(BACKLOG).execute().map(rows -> {
                Map<Lane, long[]> counts = new EnumMap<>(Lane.class);
                Map<Lane, Instant> oldest = new EnumMap<>(Lane.class);
                for (Lane lane : Lane.values()) {
                    counts.put(lane, new long[3]);
                }
                for (Row row : rows) {
                    Lane lane = Lane.fromName(row.getString("lane")).orElseThrow();
                    TaskState state = TaskState.valueOf(row.getString("state"));
                    counts.get(lane)[state.ordinal()] = row.getLong("tasks");
                    OffsetDateTime queuedAt = row.getOffsetDateTime("oldest_queued_at");
                    if (state == TaskState.QUEUED && queuedAt != null) {
                        oldest.put(lane, queuedAt.toInstant());
                    }
                }
                Map<Lane, LaneBacklog> backlog = new LinkedHashMap<>();
                for (Lane lane : Lane.values()) {
                    long[] c = counts.get(lane);
                    backlog.put(lane, new LaneBacklog(lane, c[TaskState.ACCEPTED.ordinal()], c[TaskState.QUEUED.ordinal()],
                            c[TaskState.RUNNING.ordinal()], oldest.get(lane)));
                }
                return backlog;
            });
            Uni<Map<TaskState, Long>> states = pool.preparedQuery(STATES)
                    .execute(Tuple.of(at.minus(span).atOffset(ZoneOffset.UTC))).map(rows -> {
                        Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
                        for (TaskState state : TaskState.values()) {
                            byState.put(state, 0L);
                        }
                        for (Row row : rows) {
                            byState.put(TaskState.valueOf(row.getString("state")), row.getLong("tasks"));
                        }
                        return byState;
                    });
            return Uni.combine().all().unis(lanes, states).asTuple()
                    .map(both -> new Report(at, span, both.getItem1(), both.getItem2()));
        });
    }
}
