package dev.heavyweight.worker.messaging;

import com.rabbitmq.client.Delivery;
import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.messaging.ManualAckConsumer.Disposition;
import dev.heavyweight.worker.metrics.WorkerMetrics;
import dev.heavyweight.worker.service.JobProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Decides what happens to one delivery from a lane: a message that is no valid job is dead-lettered
 * at once; a job is acknowledged only after its final event was confirmed. When that event cannot be
 * published the Uni fails and the consumer puts the job back for a later delivery.
 */
@ApplicationScoped
public class JobHandler {

    private static final Logger LOG = Logger.getLogger(JobHandler.class);

    private final JobDecoder decoder;
    private final JobProcessor processor;
    private final WorkerMetrics metrics;

    JobHandler(JobDecoder decoder, JobProcessor processor, WorkerMetrics metrics) {
        this.decoder = decoder;
        this.processor = processor;
        this.metrics = metrics;
    }

    public Uni<Disposition> handle(Lane lane, Delivery delivery) {
        JobMessage job;
        try {
            job = decoder.decode(delivery.getBody());
        } catch (InvalidJobException e) {
            LOG.warnf("dead-lettering a message from %s: %s", lane.queue(), e.getMessage());
            metrics.recordJob(lane, WorkerMetrics.INVALID);
            return Uni.createFrom().item(Disposition.DEAD_LETTER);
        }
        return processor.process(job, lane)
                .map(outcome -> {
                    metrics.recordJob(lane, outcome.succeeded() ? WorkerMetrics.SUCCEEDED : WorkerMetrics.FAILED);
                    return Disposition.ACK;
                })
                .onFailure().invoke(failure -> metrics.recordJob(lane, WorkerMetrics.REQUEUED));
    }
}
