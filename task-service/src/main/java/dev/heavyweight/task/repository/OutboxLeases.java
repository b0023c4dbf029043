package dev.heavyweight.task.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The relay's claims on outbox rows. Each statement is its own short transaction. Rows are leased, not
 * locked while they are worked on, so several task-service replicas share the table: a claim skips rows
 * another claim holds, and a crashed replica's rows are claimable again once their lease ends.
 */
@ApplicationScoped
public class OutboxLeases {

    /** Public so a test can run it as a second replica would. */
    public static final String CLAIM = """
            UPDATE outbox o SET claimed_until = now() + $2::bigint * interval '1 millisecond', claim_token = $3
            FROM tasks t
            WHERE o.id IN (SELECT id FROM outbox
                           WHERE available_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
              AND t.id = o.task_id
            RETURNING o.id, o.task_id, o.kind, o.attempt, o.tries, o.created_at, t.tenant, t.traceparent, t.tracestate""";
    private static final String RELEASE = """
            UPDATE outbox SET available_at = now() + $3::bigint * interval '1 millisecond', claimed_until = NULL,
                              claim_token = NULL, tries = tries + 1, last_error = $4
            WHERE id = $1 AND claim_token = $2""";
    private static final String DELETE = "DELETE FROM outbox WHERE id = $1 AND claim_token = $2";
    private static final String PENDING = "SELECT kind, count(*) FROM outbox GROUP BY kind";
    private static final int MAX_ERROR_LENGTH = 1000;

    private final Pool pool;

    OutboxLeases(Pool pool) {
        this.pool = pool;
    }

    /** Leases up to {@code limit} due rows for {@code lease}, oldest first. */
    public Uni<List<OutboxRow>> claim(int limit, Duration lease) {
        UUID token = UUID.randomUUID();
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, lease.toMillis(), token)).map(rows -> {
            List<OutboxRow> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new OutboxRow(row.getLong("id"), row.getUUID("task_id"), OutboxKind.of(row.getString("kind")),
                        row.getInteger("attempt"), row.getInteger("tries"), token,
                        row.getOffsetDateTime("created_at").toInstant(), row.getString("tenant"),
                        row.getString("traceparent"), row.getString("tracestate")));
            }
            claimed.sort(Comparator.comparingLong(OutboxRow::id));
            return claimed;
        });
    }

    /** Gives a failed row back, due again after {@code delay}, counting the try and keeping its error. */
    public Uni<Void> release(OutboxRow row, Duration delay, String error) {
        String kept = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        return pool.preparedQuery(RELEASE).execute(Tuple.of(row.id(), row.claimToken(), delay.toMillis(), kept))
                .replaceWithVoid();
    }

    /** Deletes a finished row; false when the claim was lost (another relay took over, or the task ended). */
    public Uni<Boolean> delete(OutboxRow row) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(row.id(), row.claimToken()))
                .map(result -> result.rowCount() == 1);
    }

    /** Rows in the table by kind, claimed or not (kinds without rows are 0). */
    public Uni<Map<OutboxKind, Long>> pendingByKind() {
        return pool.query(PENDING).execute().map(rows -> {
            Map<OutboxKind, Long> pending = new EnumMap<>(OutboxKind.class);
            for (OutboxKind kind : OutboxKind.values()) {
                pending.put(kind, 0L);
            }
            for (Row row : rows) {
                pending.put(OutboxKind.of(row.getString(0)), row.getLong(1));
            }
            return pending;
        });
    }
}
