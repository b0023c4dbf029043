package dev.heavyweight.contracts.messages;

/**
 * What a worker reports about one execution of a task (inference-worker → task-service), as JSON.
 *
 * @param schema       message schema version, {@link #SCHEMA}
 * @param type         {@link TaskEventType#wireName()}
 * @param taskId       the task
 * @param tenant       owner of the task
 * @param attempt      the execution attempt this event belongs to
 * @param worker       identity of the reporting worker instance
 * @param occurredAtMs when it happened (epoch ms)
 * @param imageKey     S3 key of the stored PNG ({@code task.succeeded} only)
 * @param reason       machine-readable reason ({@code task.failed}, {@code task.rejected})
 * @param detail       human-readable detail for the reason
 * @param timings      stage durations measured by the worker (terminal events)
 * @param retryable    {@code task.failed} only: the failure was transient (unavailable node, timeout,
 *                     storage error), so another attempt may succeed
 * @param moderation   {@code task.rejected} only: the image moderation decision (topics and scores); null
 *                     in older messages
 */
public record TaskEventMessage(
        int schema,
        String type,
        String taskId,
        String tenant,
        int attempt,
        String worker,
        long occurredAtMs,
        String imageKey,
        String reason,
        String detail,
        Timings timings,
        boolean retryable,
        ModerationDecision moderation) {

    public static final int SCHEMA = 1;

    /** Worker-side stage durations in milliseconds. */
    public record Timings(long inferenceMs, long imageModerationMs, long uploadMs) {
        public static final Timings NONE = new Timings(0, 0, 0);
    }
}
