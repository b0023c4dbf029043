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
 * @param execution    {@code task.succeeded} only: where the image was generated and how long it held the GPU;
 *                     null in older messages and when the balancer did not say
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
        ModerationDecision moderation,
        Execution execution) {

    public static final int SCHEMA = 1;

    /**
     * Where an inference ran, as the balancer reported it in the ModelInfer response parameters.
     *
     * @param node      the node's address ({@code host:port})
     * @param nodeClass the node's price and power class (balancer configuration)
     * @param gpuMs     dispatch to completion on the node, in milliseconds
     */
    public record Execution(String node, String nodeClass, long gpuMs) {

        /** ModelInfer response parameter with the node's address. */
        public static final String NODE_PARAMETER = "heavyweight_node";
        /** ModelInfer response parameter with the node's class. */
        public static final String NODE_CLASS_PARAMETER = "heavyweight_node_class";
        /** ModelInfer response parameter (int64) with the GPU time in milliseconds. */
        public static final String GPU_MS_PARAMETER = "heavyweight_gpu_ms";
    }

    /** Worker-side stage durations in milliseconds. */
    public record Timings(long inferenceMs, long imageModerationMs, long uploadMs) {
        public static final Timings NONE = new Timings(0, 0, 0);
    }
}
