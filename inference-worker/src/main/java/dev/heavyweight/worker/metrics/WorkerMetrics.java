package dev.heavyweight.worker.metrics;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.metrics.StageTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * {@code heavyweight_worker_jobs_total{lane,outcome}}, {@code heavyweight_worker_inflight{lane}},
 * {@code heavyweight_worker_waiting{lane}}, {@code heavyweight_queue_depth{lane}} and
 * {@code heavyweight_task_stage_seconds{stage,lane,model}} (the stage histogram shared by every service).
 */
@Singleton
public class WorkerMetrics {

    /** The job ran and its image is stored. */
    public static final String SUCCEEDED = "succeeded";
    /** An earlier delivery had stored the image: reported as succeeded without generating again. */
    public static final String ALREADY_DONE = "already_done";
    /** Image moderation blocked the image: it went to quarantine and the task was reported rejected. */
    public static final String REJECTED = "rejected";
    /** The job ended with a permanent failure. */
    public static final String FAILED = "failed";
    /** The job ended with a transient failure; task-service may enqueue another attempt. */
    public static final String RETRYABLE_FAILED = "retryable_failed";
    /** A transient failure on the job's last attempt: reported, then the job went to the dead-letter queue. */
    public static final String DEAD_LETTERED = "dead_lettered";
    /** The task's deadline passed before or during the run. */
    public static final String EXPIRED = "expired";
    /** The task was cancelled: the job was skipped or stopped, and settled without events. */
    public static final String CANCELLED = "cancelled";
    /** The message was not a valid job: it went to the dead-letter queue. */
    public static final String INVALID = "invalid";
    /** Back to its queue: its event could not be published, the worker drains, or the task runs here already. */
    public static final String REQUEUED = "requeued";

    public static final String STAGE_INFERENCE = StageTimer.INFERENCE;
    public static final String STAGE_IMAGE_MODERATION = StageTimer.IMAGE_MODERATION;
    public static final String STAGE_UPLOAD = StageTimer.UPLOAD;

    private static final List<String> OUTCOMES = List.of(SUCCEEDED, ALREADY_DONE, REJECTED, FAILED, RETRYABLE_FAILED,
            DEAD_LETTERED, EXPIRED, CANCELLED, INVALID, REQUEUED);

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

    /** Records into the shared stage histogram ({@link StageTimer}), by lane and model. */
    public void recordStage(String stage, Lane lane, String model, Duration duration) {
        Timer.builder(StageTimer.NAME)
                .description("Time spent in one stage of a task, by lane and model")
                .tags("stage", stage, "lane", lane.routingKey(), "model", model == null ? StageTimer.UNKNOWN : model)
                .serviceLevelObjectives(StageTimer.buckets())
                .register(registry)
                .record(duration);
    }

    /** Jobs of {@code lane} holding a slot right now. */
    public void trackRunning(Lane lane, IntSupplier running) {
        gauge("heavyweight.worker.inflight", "Jobs of a lane running in a slot of this worker", lane,
                running::getAsInt);
    }

    /** Deliveries of {@code lane} received and waiting for a free slot. */
    public void trackWaiting(Lane lane, IntSupplier waiting) {
        gauge("heavyweight.worker.waiting", "Jobs of a lane received and waiting for a free slot", lane,
                waiting::getAsInt);
    }

    /** Messages ready in the lane's queue as the broker last reported them (NaN while it cannot be read). */
    public void trackQueueDepth(Lane lane, DoubleSupplier depth) {
        gauge("heavyweight.queue.depth", "Jobs ready in a lane queue, read from the broker", lane, depth);
    }

    private void gauge(String name, String description, Lane lane, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble)
                .description(description)
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
