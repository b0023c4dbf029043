package dev.heavyweight.task.service;

import dev.heavyweight.task.lifecycle.TaskState;
import java.util.Locale;

/** The task already reached a terminal state, so the requested change is refused. */
public class TaskAlreadyFinishedException extends RuntimeException {

    public TaskAlreadyFinishedException(TaskState state) {
        super("task already " + state.name().toLowerCase(Locale.ROOT));
    }
}
