package dev.heavyweight.task.lifecycle;

/** Something that may move a task: a step of task-service itself or an event reported by a worker. */
public enum Trigger {
    /** Prompt moderation allowed the prompt and the job is being enqueued. */
    PROMPT_ALLOWED("prompt.allowed", false),
    /** Prompt moderation blocked the prompt. */
    PROMPT_BLOCKED("prompt.blocked", false),
    /** The owner cancelled the task. */
    CANCEL("cancel", false),
    /** The task's deadline passed while it waited for moderation or in its lane (the expiry sweeper). */
    DEADLINE_PASSED("deadline.passed", false),
    /** A worker started executing an attempt ({@code task.started}). */
    STARTED("task.started", true),
    /** A worker reported progress ({@code task.progress}); informational only. */
    PROGRESS("task.progress", true),
    /** A worker stored the image ({@code task.succeeded}). */
    SUCCEEDED("task.succeeded", true),
    /** A worker gave up on the task for good ({@code task.failed}: permanent, or no attempts left). */
    FAILED("task.failed", true),
    /** A worker's attempt failed transiently and attempts remain ({@code task.failed}): back to the lane. */
    RETRY("task.failed", true),
    /** A worker found the job's deadline passed ({@code task.failed} with reason {@code deadline_exceeded}). */
    JOB_EXPIRED("task.failed", true),
    /** Image moderation blocked the generated image ({@code task.rejected}). */
    IMAGE_REJECTED("task.rejected", true);

    private final String eventType;
    private final boolean fromWorker;

    Trigger(String eventType, boolean fromWorker) {
        this.eventType = eventType;
        this.fromWorker = fromWorker;
    }

    /** The name recorded in the audit trail ({@code task_events.event_type}). */
    public String eventType() {
        return eventType;
    }

    /** Worker events carry an attempt number and may arrive late, twice or out of order. */
    public boolean fromWorker() {
        return fromWorker;
    }
}
