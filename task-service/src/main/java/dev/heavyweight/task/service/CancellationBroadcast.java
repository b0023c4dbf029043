package dev.heavyweight.task.service;

import dev.heavyweight.task.messaging.CancellationPublisher;
import dev.heavyweight.task.metrics.OutboxOutcome;
import dev.heavyweight.task.repository.OutboxLeases;
import dev.heavyweight.task.repository.OutboxRow;
import dev.heavyweight.task.repository.TaskRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Works a {@code cancel} row: tells every worker that the task was cancelled, then deletes the row. */
@ApplicationScoped
public class CancellationBroadcast {

    private final TaskRepository tasks;
    private final OutboxLeases leases;
    private final CancellationPublisher publisher;

    CancellationBroadcast(TaskRepository tasks, OutboxLeases leases, CancellationPublisher publisher) {
        this.tasks = tasks;
        this.leases = leases;
        this.publisher = publisher;
    }

    Uni<OutboxStep> cancel(OutboxRow row) {
        return tasks.findTask(row.taskId()).flatMap(task -> {
            if (task == null) {
                return leases.delete(row).replaceWith(OutboxStep.done(OutboxOutcome.DROPPED));
            }
            return publisher.broadcast(task).flatMap(heard -> leases.delete(row)
                    .replaceWith(OutboxStep.done(heard ? OutboxOutcome.PUBLISHED : OutboxOutcome.UNHEARD)));
        });
    }
}
