package dev.heavyweight.task.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Feedback and downloads, each one statement that also checks the task belongs to the tenant (nothing is
 * written for another tenant's task), so no transaction spans a round trip.
 */
@ApplicationScoped
public class FeedbackRepository {

    /** Last one wins: a second feedback of the same user replaces the first entirely. */
    private static final String UPSERT = """
            INSERT INTO task_feedback (task_id, user_id, accepted, rating, comment, created_at, updated_at)
            SELECT t.id, $3::text, $4::boolean, $5::int, $6::text, $7::timestamptz, $7::timestamptz
            FROM tasks t WHERE t.id = $1 AND t.tenant = $2
            ON CONFLICT (task_id, user_id) DO UPDATE SET accepted = EXCLUDED.accepted, rating = EXCLUDED.rating,
                comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
            RETURNING accepted, rating, comment, updated_at""";
    /** The count includes this download: rows the statement inserts are not visible to its own subqueries. */
    private static final String DOWNLOAD = """
            WITH owned AS (SELECT id FROM tasks WHERE id = $1 AND tenant = $2),
                 added AS (INSERT INTO task_downloads (task_id, user_id, channel, at)
                           SELECT id, $3::text, $4::text, $5::timestamptz FROM owned RETURNING task_id)
            SELECT (SELECT count(*) FROM added) AS added,
                   (SELECT count(*) FROM task_downloads WHERE task_id = $1) + (SELECT count(*) FROM added) AS downloads""";

    /** Sets accepted_at the first time only; the row comes back only then, with what the metrics need. */
    private static final String ACCEPT = """
            UPDATE tasks SET accepted_at = $3 WHERE id = $1 AND tenant = $2 AND state = 'SUCCEEDED' AND accepted_at IS NULL
            RETURNING lane, model""";
    private static final String LANE_MODEL = "SELECT lane, model FROM tasks WHERE id = $1 AND tenant = $2";

    /** A task's lane and model, for metrics. */
    public record LaneModel(String lane, String model) {
    }

    private final Pool pool;

    FeedbackRepository(Pool pool) {
        this.pool = pool;
    }

    /** The stored feedback, or null when the tenant has no such task. */
    public Uni<StoredFeedback> upsert(String tenant, UUID taskId, FeedbackInput input, Instant now) {
        Tuple parameters = Tuple.of(taskId, tenant, input.user(), input.accepted(), input.rating(), input.comment())
                .addValue(now.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(UPSERT).execute(parameters).map(rows -> {
            if (rows.rowCount() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new StoredFeedback(taskId, input.user(), row.getBoolean("accepted"), row.getInteger("rating"),
                    row.getString("comment"), row.getOffsetDateTime("updated_at").toInstant());
        });
    }

    /** Marks the task accepted if it succeeded and was not yet; its lane and model when this call marked it, else null. */
    public Uni<LaneModel> markAccepted(String tenant, UUID taskId, Instant now) {
        return laneModel(ACCEPT, Tuple.of(taskId, tenant, now.atOffset(ZoneOffset.UTC)));
    }

    /** The task's lane and model, or null when the tenant has no such task. */
    public Uni<LaneModel> laneModel(String tenant, UUID taskId) {
        return laneModel(LANE_MODEL, Tuple.of(taskId, tenant));
    }

    private Uni<LaneModel> laneModel(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            if (rows.rowCount() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new LaneModel(row.getString("lane"), row.getString("model"));
        });
    }

    /** Downloads of the task so far including this one, or -1 when the tenant has no such task. */
    public Uni<Long> recordDownload(String tenant, UUID taskId, String user, String channel, Instant now) {
        Tuple parameters = Tuple.of(taskId, tenant, user, channel, now.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(DOWNLOAD).execute(parameters).map(rows -> {
            Row row = rows.iterator().next();
            return row.getLong("added") == 0 ? -1 : row.getLong("downloads");
        });
    }
}
