package dev.heavyweight.task.metrics;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Reasons;
import dev.heavyweight.contracts.metrics.StageTimer;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.repository.TaskEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Task counters and the per-stage histogram. Recorded only after the change they describe is committed,
 * so a rolled-back transaction never shows up in a dashboard. Every series of a task carries its {@code lane}
 * and {@code model}; docs/metrics.md lists them with the question each answers.
 */
@Startup
@ApplicationScoped
public class TaskMetrics {

    static final String SUBMITTED = "heavyweight.tasks.submitted";
    static final String FINISHED = "heavyweight.tasks.finished";
    static final String ERRORS = "heavyweight.task.errors";
    static final String EVENTS_IGNORED = "heavyweight.task.events.ignored";
    static final String RETRIES = "heavyweight.task.retries";
    static final String IMAGES = "heavyweight.images";
    static final String GPU_SECONDS = "heavyweight.task.gpu";

    /**
     * The stage each failure reason belongs to. A deadline belongs to the stage the task was in when it passed:
     * {@code moderation} before admission, {@code queue_wait} while queued, {@code inference} once running ({@link #errorStage}).
     */
    static final Map<String, String> REASON_STAGES = Map.of(
            Reasons.PROMPT_BLOCKED, StageTimer.MODERATION,
            Reasons.PROMPT_UNASSESSED, StageTimer.MODERATION,
            Reasons.INFERENCE_FAILED, StageTimer.INFERENCE,
            Reasons.BAD_MODEL_OUTPUT, StageTimer.INFERENCE,
            Reasons.IMAGE_BLOCKED, StageTimer.IMAGE_MODERATION,
            Reasons.IMAGE_UNASSESSED, StageTimer.IMAGE_MODERATION,
            Reasons.IMAGE_MODERATION_UNAVAILABLE, StageTimer.IMAGE_MODERATION,
            Reasons.UPLOAD_FAILED, StageTimer.UPLOAD);

    private final MeterRegistry registry;

    TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so dashboards and alerts see zeros instead of missing series.
        retries();
        for (Lane lane : Lane.values()) {
            for (ModelSpec model : ModelCatalog.all()) {
                String lanes = lane.routingKey();
                submittedCounter(lanes, model.name());
                for (TaskState state : TaskState.values()) {
                    if (state.isTerminal()) {
                        finishedCounter(state, lanes, model.name());
                    }
                }
                REASON_STAGES.forEach((reason, stage) -> errorCounter(stage, reason, lanes, model.name()));
                errorCounter(StageTimer.MODERATION, Reasons.DEADLINE_EXCEEDED, lanes, model.name());
                errorCounter(StageTimer.QUEUE_WAIT, Reasons.DEADLINE_EXCEEDED, lanes, model.name());
                errorCounter(StageTimer.INFERENCE, Reasons.DEADLINE_EXCEEDED, lanes, model.name());
            }
        }
    }

    public void submitted(TaskEntity task) {
        submittedCounter(task.lane, model(task)).increment();
    }

    /** A worker event that changed nothing, by reason ({@code terminal_state}, {@code unknown_task}, …). */
    public void eventIgnored(String reason) {
        registry.counter(EVENTS_IGNORED, "reason", reason).increment();
    }

    /** Counts the end or retry of a task and records the stage durations this change made known. */
    public void transitioned(TaskEntity task, Decision decision) {
        if (!decision.applied()) {
            return;
        }
        if (decision.from() == TaskState.ACCEPTED) {
            stage(task, StageTimer.MODERATION, task.moderationMs);
        }
        if (decision.from() == TaskState.QUEUED && decision.to() == TaskState.RUNNING) {
            stage(task, StageTimer.QUEUE_WAIT, task.queueWaitMs);
        }
        if (decision.to() == TaskState.SUCCEEDED) {
            stage(task, StageTimer.INFERENCE, task.inferenceMs);
            stage(task, StageTimer.IMAGE_MODERATION, task.imageModerationMs);
            stage(task, StageTimer.UPLOAD, task.uploadMs);
            stage(task, StageTimer.TOTAL, task.totalMs);
            String nodeClass = task.nodeClass == null ? StageTimer.UNKNOWN : task.nodeClass;
            Counter.builder(IMAGES).description("Images produced (succeeded tasks), by model and the class of their node")
                    .tags("model", model(task), "node_class", nodeClass).register(registry).increment();
            if (task.gpuMs != null) {
                Counter.builder(GPU_SECONDS).description("GPU time of succeeded tasks (dispatch to completion on the node)")
                        .baseUnit("seconds").tags("model", model(task), "node_class", nodeClass).register(registry)
                        .increment(task.gpuMs / 1000.0);
            }
        }
        if (decision.finishes()) {
            finishedCounter(decision.to(), task.lane, model(task)).increment();
            String stage = errorStage(decision.from(), task.reason);
            if (stage != null && decision.to() != TaskState.CANCELLED) {
                errorCounter(stage, task.reason, task.lane, model(task)).increment();
            }
        }
        if (decision.to() == TaskState.QUEUED && decision.from() != TaskState.ACCEPTED) {
            retries().increment();
        }
    }

    /** The stage a task that ended from {@code from} with {@code reason} failed in; null when it did not fail. */
    static String errorStage(TaskState from, String reason) {
        if (reason == null) {
            return null;
        }
        if (Reasons.DEADLINE_EXCEEDED.equals(reason)) {
            return switch (from) {
                case ACCEPTED -> StageTimer.MODERATION;
                case RUNNING -> StageTimer.INFERENCE;
                default -> StageTimer.QUEUE_WAIT;
            };
        }
        return REASON_STAGES.get(reason);
    }

    private void stage(TaskEntity task, String stage, Long millis) {
        if (millis == null) {
            return;
        }
        stageTimer(registry, stage, task.lane, model(task)).record(Duration.ofMillis(millis));
    }

    /** The shared stage histogram ({@link StageTimer}) for one stage, lane and model. */
    public static Timer stageTimer(MeterRegistry registry, String stage, String lane, String model) {
        return Timer.builder(StageTimer.NAME)
                .description("Time tasks spend in each stage, by lane and model")
                .tags("stage", stage, "lane", lane, "model", model)
                .serviceLevelObjectives(StageTimer.buckets())
                .register(registry);
    }

    private Counter retries() {
        return registry.counter(RETRIES);
    }

    private Counter submittedCounter(String lane, String model) {
        return Counter.builder(SUBMITTED).description("Tasks stored, by lane and model")
                .tags("lane", lane, "model", model).register(registry);
    }

    private Counter finishedCounter(TaskState state, String lane, String model) {
        return Counter.builder(FINISHED).description("Tasks that reached a terminal state, by state, lane and model")
                .tags("state", state.name().toLowerCase(Locale.ROOT), "lane", lane, "model", model)
                .register(registry);
    }

    private Counter errorCounter(String stage, String reason, String lane, String model) {
        return Counter.builder(ERRORS).description("Tasks that failed or were refused, by the stage it happened in and reason")
                .tags("stage", stage, "reason", reason, "lane", lane, "model", model)
                .register(registry);
    }

    static String model(TaskEntity task) {
        return task.model == null ? StageTimer.UNKNOWN : task.model;
    }
}
