package dev.heavyweight.task;

import dev.heavyweight.contracts.messages.TaskEventMessage;
import dev.heavyweight.contracts.messages.TaskEventType;
import dev.heavyweight.contracts.task.Task;

/** Task events as a worker writes them. */
final class WorkerEvents {

    static final TaskEventMessage.Timings TIMINGS = new TaskEventMessage.Timings(1200, 30, 15);
    static final TaskEventMessage.Execution EXECUTION = new TaskEventMessage.Execution("10.0.0.7:8001", "a100", 1100);

    private WorkerEvents() {
    }

    static TaskEventMessage event(Task task, TaskEventType type, int attempt, long occurredAtMs) {
        return new TaskEventMessage(TaskEventMessage.SCHEMA, type.wireName(), task.getId(), task.getTenant(), attempt, "w1",
                occurredAtMs, null, null, null, null, false, null, null);
    }

    static TaskEventMessage started(Task task, int attempt) {
        return event(task, TaskEventType.STARTED, attempt, System.currentTimeMillis());
    }

    static TaskEventMessage succeeded(Task task, int attempt, String imageKey) {
        return new TaskEventMessage(TaskEventMessage.SCHEMA, TaskEventType.SUCCEEDED.wireName(), task.getId(),
                task.getTenant(), attempt, "w1", task.getCreatedAtMs() + 10_000, imageKey, null, null, TIMINGS, false, null, EXECUTION);
    }

    static TaskEventMessage failed(Task task, int attempt, String reason, String detail, boolean retryable) {
        return new TaskEventMessage(TaskEventMessage.SCHEMA, TaskEventType.FAILED.wireName(), task.getId(),
                task.getTenant(), attempt, "w1", System.currentTimeMillis(), null, reason, detail,
                TaskEventMessage.Timings.NONE, retryable, null, null);
    }
}
