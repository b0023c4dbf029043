package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.messaging.JobPublisher;
import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.repository.TaskRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Works a {@code publish} row: puts the job of the row's attempt on the task's lane and deletes the row
 * once the broker confirmed it. A task that moved on (cancelled, expired, already started) gets no job.
 */
@ApplicationScoped
public class JobDispatch {

    private static final Logger LOG = Logger.getLogger(JobDispatch.class);

    private final TaskRepository tasks;
    private final OutboxLeases leases;
    private final JobPublisher jobs;
    private final ThrottledLog throttled = new ThrottledLog(LOG, Duration.ofSeconds(30));

    JobDispatch(TaskRepository tasks, OutboxLeases leases, JobPublisher jobs) {
        this.tasks = tasks;
        this.leases = leases;
        this.jobs = jobs;
    }

    Uni<OutboxStep> publish(OutboxRow row) {
        return tasks.findTask(row.taskId()).flatMap(task -> {
            if (task == null || task.state != TaskState.QUEUED || task.attempt != row.attempt()) {
                return leases.delete(row).replaceWith(OutboxStep.done(OutboxOutcome.DROPPED));
            }
            return jobs.publish(task)
                    .flatMap(confirmed -> leases.delete(row).onFailure().recoverWithItem(failure -> {
                        // The job is on its lane; the row comes back after its lease and is published again
                        // only if the task is still waiting for this attempt (a worker copes with the duplicate).
                        throttled.warn("delete", "job of task " + task.id + " attempt " + task.attempt
                                + " is on its lane but its outbox row stays until its lease ends: " + failure.getMessage());
                        return false;
                    }))
                    .replaceWith(OutboxStep.done(OutboxOutcome.PUBLISHED));
        });
    }
}
