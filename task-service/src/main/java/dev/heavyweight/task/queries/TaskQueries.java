package dev.heavyweight.task.queries;

import dev.heavyweight.task.lifecycle.TaskState;
import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskEventRepository;
import dev.heavyweight.task.repository.TaskRepository;
import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.TaskIds;
import dev.heavyweight.task.service.TaskNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads tasks on behalf of their tenant: one task, a page of them, a task's history. */
@ApplicationScoped
public class TaskQueries {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private final TaskRepository tasks;
    private final TaskEventRepository events;

    TaskQueries(TaskRepository tasks, TaskEventRepository events) {
        this.tasks = tasks;
        this.events = events;
    }

    /** The tenant's task, or {@link TaskNotFoundException} (also for another tenant's task). */
    public Uni<TaskEntity> get(String tenant, String id) {
        return Uni.createFrom().deferred(() -> tasks.findOwned(TaskIds.parse(id), tenant))
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id));
    }

    /**
     * The tenant's tasks newest first, optionally of one state and lane (null for any), {@code limit} at a time
     * (0 for the default) after {@code cursor} (empty for the first page).
     */
    public Uni<TaskPage> list(String tenant, TaskState state, String lane, int limit, String cursor) {
        return Uni.createFrom().deferred(() -> {
            int size = pageSize(limit);
            ListCursor after = cursor == null || cursor.isEmpty() ? null : ListCursor.decode(cursor);
            // One row more than asked tells whether another page follows.
            return tasks.page(tenant, state, lane, after, size + 1).map(rows -> {
                if (rows.size() <= size) {
                    return new TaskPage(rows, null);
                }
                TaskEntity last = rows.get(size - 1);
                return new TaskPage(rows.subList(0, size), new ListCursor(last.createdAt, last.id));
            });
        });
    }

    /** The tenant's task now and its audit rows after {@code afterEventId}, consistent with each other. */
    public Uni<TaskHistory> history(String tenant, String id, long afterEventId) {
        if (afterEventId < 0) {
            return Uni.createFrom().failure(new InvalidFieldException("after_event_id", "must not be negative"));
        }
        return get(tenant, id).flatMap(task -> events.after(task.id, afterEventId)
                .map(rows -> new TaskHistory(task, EventWindow.consistentWith(task, rows))));
    }

    private static int pageSize(int limit) {
        if (limit == 0) {
            return DEFAULT_PAGE_SIZE;
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidFieldException("limit", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return limit;
    }
}
