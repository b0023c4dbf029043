package dev.heavyweight.task.service;

import dev.heavyweight.task.config.TaskConfig;
import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The first step of a submission: the task is durably ACCEPTED before anything else happens. This is
 * the transaction that will also write the idempotency and outbox rows.
 */
@ApplicationScoped
public class TaskAcceptance {

    private final TaskRepository tasks;
    private final TaskTransitions transitions;
    private final TaskConfig config;
    private final TaskClock clock;

    TaskAcceptance(TaskRepository tasks, TaskTransitions transitions, TaskConfig config, TaskClock clock) {
        this.tasks = tasks;
        this.transitions = transitions;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<TaskEntity> accept(Submission submission) {
        Instant now = clock.now();
        TaskEntity task = new TaskEntity();
        task.id = UUID.randomUUID();
        task.tenant = submission.tenant();
        task.state = TaskState.ACCEPTED;
        task.lane = submission.lane().routingKey();
        task.priority = switch (submission.lane()) {
            case INTERACTIVE -> config.priority().interactive();
            case BATCH -> config.priority().batch();
        };
        task.model = submission.model().name();
        task.prompt = submission.prompt();
        task.negativePrompt = submission.negativePrompt();
        task.width = submission.width();
        task.height = submission.height();
        task.steps = submission.steps();
        task.seed = submission.seed();
        task.moderationCategories = new String[0];
        task.createdAt = now;
        task.updatedAt = now;
        task.deadlineAt = now.plus(config.ttl());
        return tasks.persist(task).flatMap(persisted -> transitions.created(persisted, "api"));
    }
}
