package dev.heavyweight.task.queries;

import dev.heavyweight.task.repository.TaskEntity;
import dev.heavyweight.task.repository.TaskEventEntity;
import java.util.List;

/** A task as it is now and its changes after a given audit row, oldest first, consistent with each other. */
public record TaskHistory(TaskEntity task, List<TaskEventEntity> events) {
}
