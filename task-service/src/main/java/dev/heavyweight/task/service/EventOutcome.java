package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.Decision;
import dev.heavyweight.task.lifecycle.Verdict;
import dev.heavyweight.task.repository.TaskEntity;

/**
 * What applying a worker event did.
 *
 * @param task          the task as committed, null when the event named no known task
 * @param decision      the state machine's decision, null when it was not asked
 * @param ignoredReason why the event changed nothing (a metric tag), null when it was applied or was
 *                      a progress report
 */
public record EventOutcome(TaskEntity task, Decision decision, String ignoredReason) {

    public static final String UNKNOWN_TASK = "unknown_task";
    public static final String TENANT_MISMATCH = "tenant_mismatch";

    static EventOutcome ignored(String reason) {
        return new EventOutcome(null, null, reason);
    }

    static EventOutcome decided(TaskEntity task, Decision decision) {
        boolean counted = !decision.applied() && decision.verdict() != Verdict.NO_CHANGE;
        return new EventOutcome(task, decision, counted ? decision.verdict().reason() : null);
    }
}
