package dev.heavyweight.task.queries;

import dev.heavyweight.task.repository.TaskEntity;
import java.util.List;

/**
 * One page of a tenant's tasks, newest first.
 *
 * @param next where the next page starts; null on the last page
 */
public record TaskPage(List<TaskEntity> tasks, ListCursor next) {
}
