package dev.heavyweight.task.service;

import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads tasks on behalf of their tenant. */
@ApplicationScoped
public class TaskQueries {

    private final TaskRepository tasks;

    TaskQueries(TaskRepository tasks) {
        this.tasks = tasks;
    }

    /** The tenant's task, or {@link TaskNotFoundException} (also for another tenant's task). */
    public Uni<TaskEntity> get(String tenant, String id) {
        return Uni.createFrom().deferred(() -> tasks.findOwned(TaskIds.parse(id), tenant))
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id));
    }
}
