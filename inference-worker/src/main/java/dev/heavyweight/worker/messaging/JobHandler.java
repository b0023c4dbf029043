package dev.heavyweight.worker.messaging;

import com.rabbitmq.client.Delivery;
import dev.heavyweight.contracts.logging.TaskMdc;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.messaging.ManualAckConsumer.Disposition;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import dev.heavyweight.worker.service.CancellationRegistry;
import dev.heavyweight.worker.service.FailureReason;
import dev.heavyweight.worker.service.JobOutcome;
import dev.heavyweight.worker.service.JobProcessor;
import dev.heavyweight.worker.service.JobSlots;
import dev.heavyweight.worker.service.RunningJobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Decides what happens to one delivery from a lane. A message that is no valid job is dead-lettered at
 * once. A job waits for a slot (none while draining: back to the queue), is skipped silently when its
 * task was cancelled, and otherwise runs until its final event is confirmed, racing a stop signal: a
 * cancellation stops it and acks it without events, the end of the shutdown grace hands it back.
 * After the event: a transient failure of the last attempt is dead-lettered, everything else (success,
 * rejection by image moderation, other failures) acked.
 * When an event cannot be published the Uni fails and the consumer puts the job back.
 */
@ApplicationScoped
public class JobHandler {

    private static final Logger LOG = Logger.getLogger(JobHandler.class);
    /** A redelivery of a job still running here waits this long before going back to the queue. */
    private static final Duration DUPLICATE_PAUSE = Duration.ofSeconds(1);

    private final JobDecoder decoder;
    private final JobProcessor processor;
    private final JobSlots slots;
    private final RunningJobs running;
    private final CancellationRegistry cancellations;
    private final WorkerMetrics metrics;

    JobHandler(JobDecoder decoder, JobProcessor processor, JobSlots slots, RunningJobs running,
            CancellationRegistry cancellations, WorkerMetrics metrics) {
        this.decoder = decoder;
        this.processor = processor;
        this.slots = slots;
        this.running = running;
        this.cancellations = cancellations;
        this.metrics = metrics;
    }

    public Uni<Disposition> handle(Lane lane, Delivery delivery) {
        JobMessage job;
        try {
            job = decoder.decode(delivery.getBody());
        } catch (InvalidJobException e) {
            LOG.warnf("dead-lettering a message from %s: %s", lane.queue(), e.getMessage());
            return settled(lane, WorkerMetrics.INVALID, Disposition.DEAD_LETTER);
        }
        // On this delivery's own context (see ManualAckConsumer), next to the trace id of the submitting request.
        TaskMdc.put(job.taskId(), job.tenant());
        LOG.debugf("task %s attempt %d received from %s", job.taskId(), job.attempt(), lane.queue());
        return slots.acquire(lane).chain(granted -> granted
                ? inSlot(job, lane).onTermination().invoke(() -> slots.release(lane))
                : settled(lane, WorkerMetrics.REQUEUED, Disposition.REQUEUE));
    }

    private Uni<Disposition> inSlot(JobMessage job, Lane lane) {
        RunningJobs.Run run = running.start(job).orElse(null);
        if (run == null) {
            LOG.infof("task %s is already running here; handing its redelivery back", job.taskId());
            return settled(lane, WorkerMetrics.REQUEUED, Disposition.REQUEUE).onItem().delayIt().by(DUPLICATE_PAUSE);
        }
        // Checked after registering, so a cancellation arriving in between still finds the run to stop.
        if (cancellations.isCancelled(job.taskId())) {
            running.finish(run);
            LOG.infof("task %s was cancelled; skipping its job", job.taskId());
            return settled(lane, WorkerMetrics.CANCELLED, Disposition.ACK);
        }
        Uni<Settlement> processed = processor.process(job, lane).map(outcome -> afterEvent(job, outcome));
        Uni<Settlement> stopped = run.stopped().map(stop -> switch (stop) {
            case CANCELLED -> new Settlement(WorkerMetrics.CANCELLED, Disposition.ACK);
            case HANDED_BACK -> new Settlement(WorkerMetrics.REQUEUED, Disposition.REQUEUE);
        });
        // The loser of the race is cancelled: a stopped job's gRPC call is cancelled with it.
        return Uni.combine().any().<Settlement>of(processed, stopped)
                .onTermination().invoke(() -> running.finish(run))
                .invoke(settlement -> log(job, settlement))
                .map(settlement -> counted(lane, settlement.outcome(), settlement.disposition()))
                .onFailure().invoke(failure -> metrics.recordJob(lane, WorkerMetrics.REQUEUED));
    }

    /** How a job that ran is settled once its final event was confirmed. */
    private static Settlement afterEvent(JobMessage job, JobOutcome outcome) {
        if (outcome.succeeded()) {
            return new Settlement(outcome.alreadyDone() ? WorkerMetrics.ALREADY_DONE : WorkerMetrics.SUCCEEDED,
                    Disposition.ACK);
        }
        if (outcome.rejected()) {
            return new Settlement(WorkerMetrics.REJECTED, Disposition.ACK);
        }
        if (outcome.reason() == FailureReason.DEADLINE_EXCEEDED) {
            return new Settlement(WorkerMetrics.EXPIRED, Disposition.ACK);
        }
        if (!outcome.retryable()) {
            return new Settlement(WorkerMetrics.FAILED, Disposition.ACK);
        }
        return job.isLastAttempt()
                ? new Settlement(WorkerMetrics.DEAD_LETTERED, Disposition.DEAD_LETTER)
                : new Settlement(WorkerMetrics.RETRYABLE_FAILED, Disposition.ACK);
    }

    private static void log(JobMessage job, Settlement settlement) {
        switch (settlement.outcome()) {
            case WorkerMetrics.CANCELLED -> LOG.infof("task %s was cancelled while running; its call was cancelled",
                    job.taskId());
            case WorkerMetrics.DEAD_LETTERED -> LOG.warnf(
                    "task %s failed transiently on its last attempt (%d of %d); dead-lettering its job",
                    job.taskId(), job.attempt(), job.maxAttempts());
            default -> LOG.debugf("task %s attempt %d settled: %s", job.taskId(), job.attempt(), settlement.outcome());
        }
    }

    private Disposition counted(Lane lane, String outcome, Disposition disposition) {
        metrics.recordJob(lane, outcome);
        return disposition;
    }

    private Uni<Disposition> settled(Lane lane, String outcome, Disposition disposition) {
        return Uni.createFrom().item(() -> counted(lane, outcome, disposition));
    }

    /** The metric outcome and the broker disposition of one delivery. */
    private record Settlement(String outcome, Disposition disposition) {
    }
}
