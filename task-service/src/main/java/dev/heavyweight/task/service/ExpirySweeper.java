package dev.heavyweight.task.service;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Every {@code expiry.interval}, expires ACCEPTED and QUEUED tasks whose deadline passed, so nothing waits
 * forever: not a job nobody consumes, not a prompt during a moderation outage longer than the TTL. Running
 * tasks are the worker's to expire (it reports {@code deadline_exceeded}). Several replicas may sweep at
 * once: each task is expired under its row lock, once.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class);

    private final Vertx vertx;
    private final TaskRepository tasks;
    private final TaskExpiry expiry;
    private final CommittedChanges changes;
    private final TaskClock clock;
    private final TaskConfig.Expiry config;
    private final ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofSeconds(30));
    private Context context;
    private long timer = -1;
    private boolean sweeping;

    ExpirySweeper(Vertx vertx, TaskRepository tasks, TaskExpiry expiry, CommittedChanges changes, TaskClock clock,
            TaskConfig config) {
        this.vertx = vertx;
        this.tasks = tasks;
        this.expiry = expiry;
        this.changes = changes;
        this.clock = clock;
        this.config = config.expiry();
    }

    void start(@Observes StartupEvent event) {
        Context own = vertx.getOrCreateContext();
        context = own;
        own.runOnContext(ignored -> timer = vertx.setPeriodic(config.interval().toMillis(), id -> sweep()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        SessionContexts.fresh(context).runOnContext(ignored -> sweepOnce().subscribe().with(
                full -> context.runOnContext(done -> {
                    sweeping = false;
                    throttled.recovered("sweep", "expiry sweeper works again");
                    if (full) {
                        sweep();
                    }
                }),
                failure -> context.runOnContext(done -> {
                    sweeping = false;
                    throttled.warn("sweep", "expiry sweep failed (" + failure.getMessage() + "); next sweep in "
                            + config.interval());
                })));
    }

    /** True when the batch was full, so more tasks may be past their deadline. */
    private Uni<Boolean> sweepOnce() {
        return tasks.findWaitingPastDeadline(clock.now(), config.batchSize()).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(expiry::expire)
                .invoke(transitioned -> changes.transitioned(transitioned.task(), transitioned.decision()))
                .collect().last()
                .replaceWith(ids.size() == config.batchSize()));
    }
}
