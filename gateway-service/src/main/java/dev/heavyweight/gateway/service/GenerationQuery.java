package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Lane;
import dev.heavyweight.contracts.task.TaskState;

/**
 * One page of the caller's generations, newest first.
 *
 * @param state  TASK_STATE_UNSPECIFIED for every state
 * @param lane   LANE_UNSPECIFIED for both lanes
 * @param limit  0 for task-service's default page size
 * @param cursor empty for the first page, else the previous page's next cursor
 */
public record GenerationQuery(TaskState state, Lane lane, int limit, String cursor) {
}
