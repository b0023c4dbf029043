package dev.heavyweight.contracts.messages;

/**
 * Broadcast on {@link Topology#CONTROL_EXCHANGE} when a task is cancelled (task-service → every
 * worker), so a worker skips the task's job if it is still queued and cancels its GPU call if running.
 *
 * @param schema      message schema version, {@link #SCHEMA}
 * @param taskId      the cancelled task
 * @param tenant      owner of the task
 * @param cancelledAtMs when it was cancelled (epoch ms)
 */
public record TaskCancelledMessage(int schema, String taskId, String tenant, long cancelledAtMs) {

    public static final int SCHEMA = 1;
    /** The AMQP type property of these messages. */
    public static final String TYPE = "task.cancelled";
}
