package dev.heavyweight.task.idempotency;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.service.ThrottledLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes idempotency keys older than the retention, a batch at a time, every {@code sweep-interval}. A key
 * lives at least the retention (a repeat within it always replays); several replicas may sweep at once.
 */
@ApplicationScoped
public class IdempotencySweeper {

    private static final Logger LOG = Logger.getLogger(IdempotencySweeper.class);
    private static final int BATCH = 1000;
    private static final String SWEEP = """
            DELETE FROM idempotency_keys WHERE ctid IN (
                SELECT ctid FROM idempotency_keys WHERE created_at < now() - $1::bigint * interval '1 millisecond'
                LIMIT $2)""";

    private final Vertx vertx;
    private final Pool pool;
    private final TaskConfig.Idempotency config;
    private final ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofSeconds(30));
    private long timer = -1;

    IdempotencySweeper(Vertx vertx, Pool pool, TaskConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.config = config.idempotency();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void sweep() {
        pool.preparedQuery(SWEEP).execute(Tuple.of(config.retention().toMillis(), BATCH)).subscribe().with(
                deleted -> {
                    throttled.recovered("sweep", "idempotency key sweeps work again");
                    if (deleted.rowCount() == BATCH) {
                        sweep();
                    }
                },
                failure -> throttled.warn("sweep", "idempotency key sweep failed (" + failure.getMessage()
                        + "); next sweep in " + config.sweepInterval()));
    }
}
