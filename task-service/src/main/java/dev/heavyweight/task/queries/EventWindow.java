package dev.heavyweight.task.queries;

import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskEventEntity;
import java.util.List;

/**
 * Makes a task and its audit rows, read one after the other, agree. The task is read first and the rows
 * second, so rows may include changes that committed in between. Every change writes the task and its row
 * together, and (state, attempt) names one row of a task uniquely, so the rows up to the one that matches
 * the task are exactly what the task already shows; later ones are left for the next call.
 */
public final class EventWindow {

    private EventWindow() {
    }

    /** The rows (oldest first, all newer than what the caller has seen) consistent with {@code task}. */
    public static List<TaskEventEntity> consistentWith(TaskEntity task, List<TaskEventEntity> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            TaskEventEntity event = events.get(i);
            if (event.toState == task.state && event.attempt == task.attempt) {
                return events.subList(0, i + 1);
            }
        }
        // The task's own row is older than everything here: all of it happened after the task was read.
        return List.of();
    }
}
