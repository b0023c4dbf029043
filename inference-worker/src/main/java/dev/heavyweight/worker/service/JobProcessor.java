package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.messages.JobMessage;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.worker.messaging.TaskEventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs one delivery of a job from start to its reported end: {@code task.started}, the generation
 * pipeline, then {@code task.succeeded} or {@code task.failed}. The returned Uni completes only once
 * the broker confirmed the final event, which is what allows the job to be acknowledged; it fails
 * when an event cannot be published, so the job is redelivered rather than lost.
 */
@ApplicationScoped
public class JobProcessor {

    private static final Logger LOG = Logger.getLogger(JobProcessor.class);

    private final TaskEventPublisher events;
    private final GenerationPipeline pipeline;

    JobProcessor(TaskEventPublisher events, GenerationPipeline pipeline) {
        this.events = events;
        this.pipeline = pipeline;
    }

    public Uni<JobOutcome> process(JobMessage job, Lane lane) {
        return events.started(job)
                .chain(() -> pipeline.run(job, lane))
                .invoke(outcome -> log(job, lane, outcome))
                .call(outcome -> events.finished(job, outcome));
    }

    private static void log(JobMessage job, Lane lane, JobOutcome outcome) {
        if (outcome.succeeded()) {
            LOG.debugf("task %s attempt %d (%s) stored at %s", job.taskId(), job.attempt(), lane.routingKey(),
                    outcome.imageKey());
        } else {
            LOG.warnf("task %s attempt %d (%s) failed: %s: %s", job.taskId(), job.attempt(), lane.routingKey(),
                    outcome.reason().wireName(), outcome.detail());
        }
    }
}
