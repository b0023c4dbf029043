package dev.heavyweight.worker.metrics;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.messaging.RabbitConnection;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.service.BlockingExecutor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * {@code heavyweight_queue_depth{lane}}: the jobs ready in each lane queue, as the broker counts them
 * (not guessed from this worker's own deliveries), read every {@code queue-depth-interval} on a
 * worker thread. NaN while the broker cannot be asked.
 */
@ApplicationScoped
public class QueueDepthGauge {

    private static final Logger LOG = Logger.getLogger(QueueDepthGauge.class);

    private final RabbitConnection rabbit;
    private final BlockingExecutor blocking;
    private final Vertx vertx;
    private final WorkerConfig config;
    private final Map<Lane, Double> depths = new EnumMap<>(Lane.class);
    private final AtomicBoolean reading = new AtomicBoolean();
    private long timer = -1;

    QueueDepthGauge(RabbitConnection rabbit, BlockingExecutor blocking, Vertx vertx, WorkerConfig config,
            WorkerMetrics metrics) {
        this.rabbit = rabbit;
        this.blocking = blocking;
        this.vertx = vertx;
        this.config = config;
        for (Lane lane : Lane.values()) {
            depths.put(lane, Double.NaN);
            metrics.trackQueueDepth(lane, () -> depth(lane));
        }
    }

    synchronized void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.queueDepthInterval().toMillis(), id -> refresh());
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The last depth read for {@code lane}. */
    public synchronized double depth(Lane lane) {
        return depths.get(lane);
    }

    private void refresh() {
        // One read at a time: a slow broker must not pile up blocked worker threads.
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        blocking.run(() -> {
            for (Lane lane : Lane.values()) {
                store(lane, read(lane));
            }
            return null;
        }).subscribe().with(done -> reading.set(false), failure -> reading.set(false));
    }

    private double read(Lane lane) {
        try {
            return rabbit.queueDepth(lane.queue());
        } catch (IOException | RuntimeException e) {
            LOG.debugf("cannot read the depth of %s: %s", lane.queue(), e.getMessage());
            return Double.NaN;
        }
    }

    private synchronized void store(Lane lane, double depth) {
        depths.put(lane, depth);
    }
}
