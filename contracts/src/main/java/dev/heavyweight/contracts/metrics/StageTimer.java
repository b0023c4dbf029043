package dev.heavyweight.contracts.metrics;

import java.time.Duration;
import java.util.List;

/**
 * The task-stage histogram every service records into, {@code heavyweight_task_stage_seconds{stage,lane,model}}:
 * one name, one tag set and one bucket layout, so series from task-service and the workers can be summed and
 * compared. The buckets fit seconds-long GPU work (5 ms … 10 min) instead of Micrometer's default layout of ~70
 * buckets per series, which would multiply the series count by six with the lane and model tags.
 */
public final class StageTimer {

    /** Micrometer name; Prometheus exposes it as {@code heavyweight_task_stage_seconds}. */
    public static final String NAME = "heavyweight.task.stage";

    public static final String MODERATION = "moderation";
    public static final String QUEUE_WAIT = "queue_wait";
    public static final String INFERENCE = "inference";
    public static final String IMAGE_MODERATION = "image_moderation";
    public static final String UPLOAD = "upload";
    public static final String TOTAL = "total";

    /** Every stage, in the order a task passes them; {@link #TOTAL} spans them all. */
    public static final List<String> STAGES = List.of(MODERATION, QUEUE_WAIT, INFERENCE, IMAGE_MODERATION, UPLOAD, TOTAL);

    /** Upper bounds of the buckets (the {@code +Inf} bucket comes on top). */
    public static final List<Duration> BUCKETS = List.of(
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
            Duration.ofSeconds(600));

    /** Tag value for a task whose model is unknown (never expected: every job names its model). */
    public static final String UNKNOWN = "unknown";

    private StageTimer() {
    }

    /** {@link #BUCKETS} as an array, for {@code Timer.Builder#serviceLevelObjectives}. */
    public static Duration[] buckets() {
        return BUCKETS.toArray(Duration[]::new);
    }
}
