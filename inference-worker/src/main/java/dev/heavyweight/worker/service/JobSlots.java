package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.worker.config.WorkerConfig;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The worker's job slots ({@link SlotDispatcher}) for reactive callers: a delivery asks for a slot and
 * resumes on its own Vert.x context once it has one. While the worker drains, waiting deliveries and
 * new requests are answered "no slot" so their jobs go back to the queue. A singleton, so a bad
 * {@code slots}/{@code batch.max-slots} pair fails the start.
 */
@Singleton
public class JobSlots {

    private final SlotDispatcher<Ticket> dispatcher;
    private boolean handingBack;

    JobSlots(WorkerConfig config, WorkerMetrics metrics) {
        this.dispatcher = new SlotDispatcher<>(config.slots(), config.batchMaxSlots());
        for (Lane lane : Lane.values()) {
            metrics.trackRunning(lane, () -> dispatcher.running(lane));
            metrics.trackWaiting(lane, () -> dispatcher.waiting(lane));
        }
    }

    /**
     * Emits true once the delivery holds a slot of {@code lane} (the caller must then {@link #release}
     * it exactly once), or false when the worker is draining and the job should go back to its queue.
     * Cancelling the subscription while it waits gives up its place; once granted, the slot is the
     * caller's to release.
     */
    public Uni<Boolean> acquire(Lane lane) {
        return Uni.createFrom().emitter(emitter -> {
            Ticket ticket = new Ticket(emitter, Vertx.currentContext());
            emitter.onTermination(() -> abandon(lane, ticket));
            List<Ticket> granted = null;
            synchronized (this) {
                if (!handingBack) {
                    granted = dispatcher.submit(lane, ticket);
                }
            }
            if (granted == null) {
                ticket.answer(false);
                return;
            }
            granted.forEach(t -> t.answer(true));
        });
    }

    public void release(Lane lane) {
        List<Ticket> granted;
        synchronized (this) {
            granted = dispatcher.release(lane);
        }
        granted.forEach(t -> t.answer(true));
    }

    /** Stops granting slots: every waiting delivery, and every later request, is answered false. */
    public void handBackWaiting() {
        List<Ticket> waiting;
        synchronized (this) {
            handingBack = true;
            waiting = dispatcher.withdrawAll();
        }
        waiting.forEach(t -> t.answer(false));
    }

    public int running(Lane lane) {
        return dispatcher.running(lane);
    }

    public int waiting(Lane lane) {
        return dispatcher.waiting(lane);
    }

    private synchronized void abandon(Lane lane, Ticket ticket) {
        dispatcher.withdraw(lane, ticket);
    }

    /** One delivery waiting for a slot, answered on the Vert.x context it asked from. */
    private record Ticket(UniEmitter<? super Boolean> emitter, Context context) {

        void answer(boolean granted) {
            if (context == null) {
                emitter.complete(granted);
            } else {
                context.runOnContext(ignored -> emitter.complete(granted));
            }
        }
    }
}
