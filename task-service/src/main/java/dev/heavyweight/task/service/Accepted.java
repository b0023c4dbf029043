package dev.heavyweight.task.service;

import dev.heavyweight.task.limits.RateLimit;
import dev.heavyweight.task.repository.TaskEntity;

/**
 * The answer to a submission.
 *
 * @param replayed  true when an idempotency key matched an earlier submission: {@code task} is its task
 * @param rateLimit the tenant's bucket after this submission
 */
public record Accepted(TaskEntity task, boolean replayed, RateLimit rateLimit) {
}
