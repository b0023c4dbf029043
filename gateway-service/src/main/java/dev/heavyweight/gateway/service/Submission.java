package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.gateway.limits.RateLimitState;

/**
 * An accepted submission.
 *
 * @param replayed  the idempotency key matched an earlier submission and {@code task} is that one's task
 * @param rateLimit the tenant's bucket after this call; null when task-service reported none
 */
public record Submission(Task task, boolean replayed, RateLimitState rateLimit) {
}
