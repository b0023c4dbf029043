package dev.heavyweight.task.economics;

import dev.heavyweight.task.service.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The economics and quality report over a window: node intervals that ended in it ({@code node_usage}),
 * tasks that succeeded in it, their acceptance and their stored ratings (the last rating of each user).
 */
@ApplicationScoped
public class EconomicsService {

    private static final String USAGE = """
            SELECT node_class, count(DISTINCT node) AS nodes,
                   sum(extract(epoch FROM period_end - period_start) * gpus)::float8 AS fleet_seconds,
                   sum(cost)::float8 AS cost, sum(energy_joules)::float8 AS energy
            FROM node_usage WHERE period_end > $1 AND period_end <= $2 GROUP BY node_class""";
    private static final String IMAGES = """
            SELECT model, coalesce(node_class, 'unknown') AS node_class, count(*) AS images,
                   coalesce(sum(gpu_ms), 0)::float8 / 1000 AS gpu_seconds
            FROM tasks WHERE state = 'SUCCEEDED' AND finished_at >= $1 AND finished_at < $2
            GROUP BY model, coalesce(node_class, 'unknown')""";
    private static final String QUALITY = """
            SELECT t.model, t.lane, count(DISTINCT t.id) AS succeeded,
                   count(DISTINCT t.id) FILTER (WHERE t.accepted_at IS NOT NULL) AS accepted,
                   count(f.rating) AS ratings, avg(f.rating)::float8 AS csat
            FROM tasks t LEFT JOIN task_feedback f ON f.task_id = t.id AND f.rating IS NOT NULL
            WHERE t.state = 'SUCCEEDED' AND t.finished_at >= $1 AND t.finished_at < $2
            GROUP BY t.model, t.lane ORDER BY t.model, t.lane""";

    /** Task success and CSAT of one model and lane; ratios null where nothing was there to divide. */
    public record Quality(String model, String lane, long succeeded, long accepted, Double taskSuccess, long ratings,
            Double csat) {
    }

    public record Report(Instant from, Instant to, String currency, EconomicsCalculator.Result economics,
            List<Quality> quality) {
    }

    private final Pool pool;
    private final EconomicsConfig config;

    EconomicsService(Pool pool, EconomicsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<Report> report(Instant from, Instant to) {
        return Uni.createFrom().deferred(() -> {
            if (!from.isBefore(to)) {
                throw new InvalidFieldException("to", "must be after from");
            }
            if (Duration.between(from, to).compareTo(config.maxWindow()) > 0) {
                throw new InvalidFieldException("from", "the window may cover at most " + config.maxWindow().toDays() + " days");
            }
            Tuple window = Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
            Uni<List<EconomicsCalculator.ClassUsage>> usage = pool.preparedQuery(USAGE).execute(window).map(rows -> {
                List<EconomicsCalculator.ClassUsage> list = new ArrayList<>();
                for (Row r : rows) {
                    list.add(new EconomicsCalculator.ClassUsage(r.getString("node_class"), r.getLong("nodes").intValue(),
                            r.getDouble("fleet_seconds"), r.getDouble("cost"), r.getDouble("energy")));
                }
                return list;
            });
            Uni<List<EconomicsCalculator.Images>> images = pool.preparedQuery(IMAGES).execute(window).map(rows -> {
                List<EconomicsCalculator.Images> list = new ArrayList<>();
                for (Row r : rows) {
                    list.add(new EconomicsCalculator.Images(r.getString("model"), r.getString("node_class"),
                            r.getLong("images"), r.getDouble("gpu_seconds")));
                }
                return list;
            });
            Uni<List<Quality>> quality = pool.preparedQuery(QUALITY).execute(window).map(rows -> {
                List<Quality> list = new ArrayList<>();
                for (Row r : rows) {
                    long succeeded = r.getLong("succeeded");
                    long accepted = r.getLong("accepted");
                    long ratings = r.getLong("ratings");
                    list.add(new Quality(r.getString("model"), r.getString("lane"), succeeded, accepted,
                            succeeded > 0 ? (double) accepted / succeeded : null, ratings,
                            ratings > 0 ? r.getDouble("csat") : null));
                }
                return list;
            });
            return Uni.combine().all().unis(usage, images, quality).asTuple().map(all -> new Report(from, to,
                    config.currency(), EconomicsCalculator.compute(all.getItem1(), all.getItem2()), all.getItem3()));
        });
    }
}
