package dev.heavyweight.task.service;

/** No task with this id belongs to the caller's tenant (or the id is not a task id at all). */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(String id) {
        super("task " + id + " not found");
    }
}
