package dev.heavyweight.contracts.messages;

/**
 * Published by task-service on {@link Topology#EVENTS_EXCHANGE} with routing key
 * {@link Topology#statusRoutingKey(String)} after every committed state change of a task, so that each
 * gateway replica can wake the live streams (SSE) and waiting OpenAI-style calls of that task. It is a
 * hint: the changes themselves are read back from task-service ({@code ListEvents}), so a lost hint
 * delays a stream until its next catch-up, it never loses a change.
 *
 * @param schema       message schema version, {@link #SCHEMA}
 * @param taskId       the task that changed
 * @param tenant       owner of the task
 * @param state        the new state, lower case ("queued", "succeeded", ...)
 * @param occurredAtMs when it changed (epoch ms)
 */
public record TaskStatusChangedMessage(int schema, String taskId, String tenant, String state, long occurredAtMs) {

    public static final int SCHEMA = 1;
    /** The AMQP type property of these messages. */
    public static final String TYPE = "task.status";
}
