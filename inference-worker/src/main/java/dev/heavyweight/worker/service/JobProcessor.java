package dev.heavyweight.worker.service;

import dev.heavyweight.worker.labeling.LabelingSampler;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.TaskEventMessage.Timings;
import dev.heavyweight.worker.messaging.TaskEventPublisher;
import dev.heavyweight.worker.repository.ResultStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one delivery of a job to its reported end. A job past its deadline is not run
 * ({@code task.failed deadline_exceeded}). A job whose image is already stored (an earlier delivery
 * uploaded it, then died before its event was confirmed) is not generated again: it reports
 * {@code task.succeeded} with that image. Likewise a job whose image an earlier delivery put in quarantine
 * has that image judged again instead of generated again. Any other job reports {@code task.started}, runs
 * the generation pipeline, then reports {@code task.succeeded}, {@code task.rejected} or {@code task.failed}.
 *
 * <p>The returned Uni completes only once the broker confirmed the final event, which is what allows
 * the job to be settled; it fails when an event cannot be published, so the job is redelivered.
 */
@ApplicationScoped
public class JobProcessor {

    private static final Logger LOG = Logger.getLogger(JobProcessor.class);

    private final TaskEventPublisher events;
    private final GenerationPipeline pipeline;
    private final ResultStore store;
    private final LabelingSampler labeling;

    JobProcessor(TaskEventPublisher events, GenerationPipeline pipeline, ResultStore store, LabelingSampler labeling) {
        this.events = events;
        this.pipeline = pipeline;
        this.store = store;
        this.labeling = labeling;
    }

    public Uni<JobOutcome> process(JobMessage job, Lane lane) {
        Uni<JobOutcome> outcome;
        if (isExpired(job, System.currentTimeMillis())) {
            outcome = Uni.createFrom().item(JobOutcome.failed(new JobFailure(FailureReason.DEADLINE_EXCEEDED,
                    "the task's deadline passed before the job could run", false), Timings.NONE));
        } else {
            String key = ResultStore.keyFor(job.tenant(), job.taskId());
            outcome = store.exists(key)
                    .chain(stored -> stored
                            ? Uni.createFrom().item(JobOutcome.alreadyStored(key))
                            : quarantined(job).chain(png -> png.isPresent()
                                    ? pipeline.rejudge(job, lane, png.get())
                                    : events.started(job).chain(() -> pipeline.run(job, lane))))
                    .onFailure(JobFailure.class)
                    .recoverWithItem(failure -> JobOutcome.failed((JobFailure) failure, Timings.NONE));
        }
        return outcome
                .invoke(ended -> log(job, lane, ended))
                .call(ended -> events.finished(job, ended))
                .call(ended -> ended.succeeded() && !ended.alreadyDone()
                        ? labeling.succeeded(job, lane, ended.imageKey())
                        : Uni.createFrom().voidItem());
    }

    /** The image an earlier delivery of the job quarantined, if any (none is looked for while not moderating). */
    private Uni<Optional<byte[]>> quarantined(JobMessage job) {
        return pipeline.moderating()
                ? store.get(store.quarantineKeyFor(job.tenant(), job.taskId()))
                : Uni.createFrom().item(Optional.empty());
    }

    /** A job with a deadline (0 means none) must not start at or after it. */
    static boolean isExpired(JobMessage job, long nowMs) {
        return job.deadlineMs() > 0 && nowMs >= job.deadlineMs();
    }

    private static void log(JobMessage job, Lane lane, JobOutcome outcome) {
        if (outcome.alreadyDone()) {
            LOG.infof("task %s attempt %d (%s) was stored by an earlier delivery at %s; not generating it again",
                    job.taskId(), job.attempt(), lane.routingKey(), outcome.imageKey());
        } else if (outcome.rejected()) {
            LOG.infof("task %s attempt %d (%s) rejected by image moderation (%s, engine %s): %s; the image is in "
                    + "quarantine", job.taskId(), job.attempt(), lane.routingKey(), outcome.reason().wireName(),
                    outcome.moderation().engine(), outcome.detail());
        } else if (outcome.succeeded()) {
            LOG.debugf("task %s attempt %d (%s) stored at %s", job.taskId(), job.attempt(), lane.routingKey(),
                    outcome.imageKey());
        } else {
            LOG.warnf("task %s attempt %d/%d (%s) failed (%s): %s: %s", job.taskId(), job.attempt(), job.maxAttempts(),
                    lane.routingKey(), outcome.retryable() ? "transient" : "permanent", outcome.reason().wireName(),
                    outcome.detail());
        }
    }
}
