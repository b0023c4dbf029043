package dev.heavyweight.task.lifecycle;

import java.util.EnumMap;
import java.util.Map;

/**
 * Decides every task transition (see DESIGN.md, "Task lifecycle"). Pure: it neither reads nor writes
 * anything, so the callers own persistence and the rules can be tested exhaustively.
 */
public final class TaskStateMachine {

    private static final Map<Trigger, Map<TaskState, TaskState>> TRANSITIONS = new EnumMap<>(Trigger.class);

    static {
        allow(Trigger.PROMPT_ALLOWED, TaskState.QUEUED, TaskState.ACCEPTED);
        allow(Trigger.PROMPT_BLOCKED, TaskState.REJECTED, TaskState.ACCEPTED);
        allow(Trigger.CANCEL, TaskState.CANCELLED, TaskState.ACCEPTED, TaskState.QUEUED, TaskState.RUNNING);
        // ACCEPTED too: a moderation outage longer than the TTL must not leave a task waiting forever.
        allow(Trigger.DEADLINE_PASSED, TaskState.EXPIRED, TaskState.ACCEPTED, TaskState.QUEUED);
        allow(Trigger.STARTED, TaskState.RUNNING, TaskState.QUEUED);
        // Events of one task are consumed concurrently, so a terminal event may overtake task.started.
        allow(Trigger.SUCCEEDED, TaskState.SUCCEEDED, TaskState.QUEUED, TaskState.RUNNING);
        allow(Trigger.FAILED, TaskState.FAILED, TaskState.QUEUED, TaskState.RUNNING);
        allow(Trigger.IMAGE_REJECTED, TaskState.REJECTED, TaskState.QUEUED, TaskState.RUNNING);
        allow(Trigger.RETRY, TaskState.QUEUED, TaskState.QUEUED, TaskState.RUNNING);
        allow(Trigger.JOB_EXPIRED, TaskState.EXPIRED, TaskState.QUEUED, TaskState.RUNNING);
        TRANSITIONS.put(Trigger.PROGRESS, Map.of());
    }

    private static void allow(Trigger trigger, TaskState to, TaskState... from) {
        Map<TaskState, TaskState> targets = new EnumMap<>(TaskState.class);
        for (TaskState state : from) {
            targets.put(state, to);
        }
        TRANSITIONS.put(trigger, targets);
    }

    /**
     * @param state          the task's current state
     * @param currentAttempt the task's current attempt (0 before it was first enqueued)
     * @param trigger        what happened
     * @param attempt        the attempt the trigger belongs to (the job's attempt when enqueuing, the
     *                       event's for worker events, 0 when it does not matter)
     */
    public Decision decide(TaskState state, int currentAttempt, Trigger trigger, int attempt) {
        if (state.isTerminal()) {
            return ignored(state, currentAttempt, Verdict.TERMINAL_STATE);
        }
        if (trigger.fromWorker() && attempt < currentAttempt) {
            return ignored(state, currentAttempt, Verdict.STALE_ATTEMPT);
        }
        if (trigger == Trigger.PROGRESS) {
            return ignored(state, currentAttempt, Verdict.NO_CHANGE);
        }
        if (trigger == Trigger.STARTED && state == TaskState.RUNNING) {
            // A higher attempt means the job was redelivered and restarted; the same one is a duplicate.
            return attempt > currentAttempt
                    ? new Decision(state, state, attempt, Verdict.APPLIED)
                    : ignored(state, currentAttempt, Verdict.DUPLICATE);
        }
        TaskState target = TRANSITIONS.get(trigger).get(state);
        if (target == null) {
            return ignored(state, currentAttempt, Verdict.ILLEGAL_TRANSITION);
        }
        int after = Math.max(currentAttempt, attempt);
        // A retry puts the next attempt on the lane; its events are the ones that count from now on.
        return new Decision(state, target, trigger == Trigger.RETRY ? after + 1 : after, Verdict.APPLIED);
    }

    private static Decision ignored(TaskState state, int attempt, Verdict verdict) {
        return new Decision(state, state, attempt, verdict);
    }
}
