package dev.heavyweight.gateway.client;

/** No task with this id for this tenant (or the id is not a task id at all); NOT_FOUND from any rpc. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException() {
        super("no such generation", null, false, false);
    }
}
