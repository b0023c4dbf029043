package dev.heavyweight.task.metrics;

import dev.heavyweight.contracts.messages.Lane;
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

/**
 * Task counters and the per-stage timer. Recorded only after the change they describe is committed,
 * so a rolled-back transaction never shows up in a dashboard.
 */
@Startup
@ApplicationScoped
public class TaskMetrics {

    static final String STAGE_TIMER = "heavyweight.task.stage";
    static final String SUBMITTED = "heavyweight.tasks.submitted";
    static final String FINISHED = "heavyweight.tasks.finished";
    static final String EVENTS_IGNORED = "heavyweight.task.events.ignored";
    static final String RETRIES = "heavyweight.task.retries";

    private final MeterRegistry registry;

    TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so dashboards and alerts see zeros instead of missing series.
        for (Lane lane : Lane.values()) {
            submittedCounter(lane);
        }
        retries();
        for (TaskState state : TaskState.values()) {
            if (state.isTerminal()) {
                finishedCounter(state);
            }
        }
    }

    public void submitted(Lane lane) {
        submittedCounter(lane).increment();
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
            stage("moderation", task.moderationMs);
        }
        if (decision.from() == TaskState.QUEUED && decision.to() == TaskState.RUNNING) {
            stage("queue_wait", task.queueWaitMs);
        }
        if (decision.to() == TaskState.SUCCEEDED) {
            stage("inference", task.inferenceMs);
            stage("image_moderation", task.imageModerationMs);
            stage("upload", task.uploadMs);
            stage("total", task.totalMs);
        }
        if (decision.finishes()) {
            finishedCounter(decision.to()).increment();
        }
        if (decision.to() == TaskState.QUEUED && decision.from() != TaskState.ACCEPTED) {
            retries().increment();
        }
    }

    private void stage(String stage, Long millis) {
        if (millis == null) {
            return;
        }
        Timer.builder(STAGE_TIMER)
                .description("Time tasks spend in each stage")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(Duration.ofMillis(millis));
    }

    private Counter retries() {
        return registry.counter(RETRIES);
    }

    private Counter submittedCounter(Lane lane) {
        return registry.counter(SUBMITTED, "lane", lane.routingKey());
    }

    private Counter finishedCounter(TaskState state) {
        return registry.counter(FINISHED, "state", state.name().toLowerCase(Locale.ROOT));
    }
}
