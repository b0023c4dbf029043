package dev.heavyweight.worker.metrics;

import dev.heavyweight.contracts.messages.Lane;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * {@code heavyweight_worker_jobs_total{lane,outcome}}, {@code heavyweight_worker_inflight{lane}} and
 * {@code heavyweight_task_stage_seconds{stage}} (the stage timer shared by every service).
 */
@Singleton
public class WorkerMetrics {

    /** The job ran and its image is stored. */
    public static final String SUCCEEDED = "succeeded";
    /** The job ran and ended with a failure reason. */
    public static final String FAILED = "failed";
    /** The message was not a valid job: it went to the dead-letter queue. */
    public static final String INVALID = "invalid";
    /** Its final event could not be published: the job goes back to the queue. */
    public static final String REQUEUED = "requeued";

    public static final String STAGE_INFERENCE = "inference";
    public static final String STAGE_UPLOAD = "upload";

    private static final List<String> OUTCOMES = List.of(SUCCEEDED, FAILED, INVALID, REQUEUED);

    private final MeterRegistry registry;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so dashboards and alerts see zeros rather than missing series.
        for (Lane lane : Lane.values()) {
            for (String outcome : OUTCOMES) {
                jobs(lane, outcome);
            }
        }
    }

    public void recordJob(Lane lane, String outcome) {
        jobs(lane, outcome).increment();
    }

    public void recordStage(String stage, Duration duration) {
        Timer.builder("heavyweight.task.stage")
                .description("Time spent in one stage of a task")
                .tag("stage", stage)
                .register(registry)
                .record(duration);
    }

    /** Publishes the number of jobs of {@code lane} being handled right now, read from {@code inFlight}. */
    public void trackInFlight(Lane lane, IntSupplier inFlight) {
        Gauge.builder("heavyweight.worker.inflight", inFlight, IntSupplier::getAsInt)
                .description("Jobs received from a lane and not yet settled")
                .tag("lane", lane.routingKey())
                .strongReference(true)
                .register(registry);
    }

    private Counter jobs(Lane lane, String outcome) {
        return Counter.builder("heavyweight.worker.jobs")
                .description("Job deliveries handled, by lane and outcome")
                .tags("lane", lane.routingKey(), "outcome", outcome)
                .register(registry);
    }
}
