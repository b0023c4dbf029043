package dev.heavyweight.worker.messaging;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.messaging.ManualAckConsumer;
import dev.heavyweight.messaging.RabbitConnection;
import dev.heavyweight.worker.config.StorageConfig;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import dev.heavyweight.worker.repository.ResultStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * One consumer per lane, each with its own concurrency (prefetch). Consuming starts once the results
 * bucket is usable, since no job can finish without it. On shutdown the consumers stop taking jobs,
 * jobs in flight get a grace period to finish, and whatever is still unacknowledged then goes back to
 * its queue when the channels close.
 */
@ApplicationScoped
public class JobConsumers {

    private static final Logger LOG = Logger.getLogger(JobConsumers.class);
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private final RabbitConnection rabbit;
    private final JobHandler handler;
    private final ResultStore store;
    private final StorageConfig storage;
    private final WorkerConfig config;
    private final WorkerMetrics metrics;
    private final List<ManualAckConsumer> consumers = new CopyOnWriteArrayList<>();
    private Cancellable pendingStart;
    private boolean stopping;

    JobConsumers(RabbitConnection rabbit, JobHandler handler, ResultStore store, StorageConfig storage,
            WorkerConfig config, WorkerMetrics metrics) {
        this.rabbit = rabbit;
        this.handler = handler;
        this.store = store;
        this.storage = storage;
        this.config = config;
        this.metrics = metrics;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        pendingStart = storageReady().subscribe().with(ready -> startConsuming(),
                failure -> LOG.errorf("not consuming jobs: %s", failure.getMessage()));
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopping = true;
            if (pendingStart != null) {
                pendingStart.cancel();
            }
        }
        consumers.forEach(ManualAckConsumer::stopConsuming);
        int left = awaitDrained(config.shutdownGrace());
        if (left > 0) {
            LOG.warnf("%d job(s) still running after %s; handing them back to their queues", left, config.shutdownGrace());
        }
        consumers.forEach(ManualAckConsumer::close);
    }

    /** Jobs received and not yet settled, over both lanes. */
    public int inFlight() {
        return consumers.stream().mapToInt(ManualAckConsumer::inFlight).sum();
    }

    private Uni<Void> storageReady() {
        if (!storage.createBucket()) {
            return Uni.createFrom().voidItem();
        }
        return store.createBucketIfMissing()
                .onFailure().invoke(e -> LOG.warnf("bucket %s not usable yet (%s); retrying", store.bucket(),
                        ResultStore.describe(e)))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }

    private synchronized void startConsuming() {
        if (stopping) {
            return;
        }
        for (Lane lane : Lane.values()) {
            ManualAckConsumer consumer = rabbit.consumer(lane.queue(), concurrency(lane),
                    delivery -> handler.handle(lane, delivery));
            metrics.trackInFlight(lane, consumer::inFlight);
            consumers.add(consumer);
            consumer.start();
        }
    }

    private int concurrency(Lane lane) {
        return switch (lane) {
            case INTERACTIVE -> config.interactiveConcurrency();
            case BATCH -> config.batchConcurrency();
        };
    }

    private int awaitDrained(Duration grace) {
        long until = System.nanoTime() + grace.toNanos();
        while (inFlight() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(DRAIN_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return inFlight();
    }
}
