package dev.heavyweight.worker.messaging;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.messaging.ManualAckConsumer;
import dev.heavyweight.messaging.RabbitConnection;
import dev.heavyweight.worker.config.StorageConfig;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.repository.ResultStore;
import dev.heavyweight.worker.service.JobSlots;
import dev.heavyweight.worker.service.RunningJobs;
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
 * The lane consumers and the worker's graceful drain. Cancellations are heard from the start; jobs are
 * consumed once the results bucket is usable (no job can finish without it), interactive with a
 * prefetch of all slots, batch with its slot cap. On shutdown (SIGTERM): stop consuming, hand waiting
 * deliveries straight back, let running jobs finish within {@code shutdown-grace}, then cancel the
 * rest and close the channels, so every unacknowledged job goes back to its queue. The broker
 * connection, publisher, S3 and gRPC clients are closed only after this observer returns.
 */
@ApplicationScoped
public class JobConsumers {

    private static final Logger LOG = Logger.getLogger(JobConsumers.class);
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private final RabbitConnection rabbit;
    private final JobHandler handler;
    private final CancellationListener cancellations;
    private final JobSlots slots;
    private final RunningJobs running;
    private final ResultStore store;
    private final StorageConfig storage;
    private final WorkerConfig config;
    private final List<ManualAckConsumer> consumers = new CopyOnWriteArrayList<>();
    private Cancellable pendingStart;
    private boolean stopping;

    JobConsumers(RabbitConnection rabbit, JobHandler handler, CancellationListener cancellations, JobSlots slots,
            RunningJobs running, ResultStore store, StorageConfig storage, WorkerConfig config) {
        this.rabbit = rabbit;
        this.handler = handler;
        this.cancellations = cancellations;
        this.slots = slots;
        this.running = running;
        this.store = store;
        this.storage = storage;
        this.config = config;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        cancellations.start();
        pendingStart = storageReady().subscribe().with(ready -> startConsuming(),
                failure -> LOG.errorf("not consuming jobs: %s", failure.getMessage()));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopTakingJobs();
        int left = awaitIdle(config.shutdownGrace());
        if (left > 0) {
            LOG.warnf("%d job(s) still running after %s; cancelling them and handing them back", left,
                    config.shutdownGrace());
            handBackRunning();
        }
        close();
    }

    /** Drain, first step: no new deliveries, and those waiting for a slot go straight back to their queue. */
    public void stopTakingJobs() {
        synchronized (this) {
            stopping = true;
            if (pendingStart != null) {
                pendingStart.cancel();
            }
        }
        consumers.forEach(ManualAckConsumer::stopConsuming);
        slots.handBackWaiting();
    }

    /** Drain, second step: waits up to {@code grace} for every delivery to be settled; returns how many are not. */
    public int awaitIdle(Duration grace) {
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

    /** Drain, third step: cancels the running jobs (and their gRPC calls); each goes back to its queue. */
    public int handBackRunning() {
        return running.handBackAll();
    }

    /** Drain, last step: closes the channels; the broker requeues whatever is still unacknowledged. */
    public void close() {
        consumers.forEach(ManualAckConsumer::close);
        cancellations.close();
    }

    /** Jobs received from the lanes and not yet settled (waiting for a slot, running, or being settled). */
    public int inFlight() {
        return consumers.stream().mapToInt(ManualAckConsumer::inFlight).sum();
    }

    /** True while both lanes are being consumed. */
    public boolean isConsuming() {
        return consumers.size() == Lane.values().length && consumers.stream().allMatch(ManualAckConsumer::isConsuming);
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
            ManualAckConsumer consumer = rabbit.consumer(lane.queue(), prefetch(lane),
                    delivery -> handler.handle(lane, delivery));
            consumers.add(consumer);
            consumer.start();
        }
    }

    /** Interactive may fill every slot; batch never receives more than it may run. */
    private int prefetch(Lane lane) {
        return switch (lane) {
            case INTERACTIVE -> config.slots();
            case BATCH -> config.batchMaxSlots();
        };
    }
}
