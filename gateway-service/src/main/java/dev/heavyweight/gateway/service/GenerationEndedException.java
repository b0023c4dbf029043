package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.task.Task;

/** A generation a caller waited for ended without an image (rejected, failed, cancelled or expired). */
public class GenerationEndedException extends RuntimeException {

    private final Task task;

    public GenerationEndedException(Task task) {
        super("generation " + task.getId() + " ended " + PublicState.state(task.getState()), null, false, false);
        this.task = task;
    }

    public Task task() {
        return task;
    }
}
