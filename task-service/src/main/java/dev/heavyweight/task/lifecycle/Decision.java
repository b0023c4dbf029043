package dev.heavyweight.task.lifecycle;

/**
 * The state machine's answer for one trigger.
 *
 * @param from    the task's state before
 * @param to      the state after (equal to {@code from} when ignored, or for a restarted attempt)
 * @param attempt the task's attempt after
 * @param verdict applied, or why not
 */
public record Decision(TaskState from, TaskState to, int attempt, Verdict verdict) {

    public boolean applied() {
        return verdict == Verdict.APPLIED;
    }

    /** True when this decision ends the task. */
    public boolean finishes() {
        return applied() && to.isTerminal();
    }
}
