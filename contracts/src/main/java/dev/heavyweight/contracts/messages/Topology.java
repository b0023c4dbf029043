package dev.heavyweight.contracts.messages;

import java.util.Map;

/**
 * Names and arguments of the RabbitMQ topology. Publishers and consumers both declare it (declaration
 * is idempotent only when the arguments match, so they must come from here).
 */
public final class Topology {

    /** Direct exchange for jobs; routing keys are {@link Lane#routingKey()}. */
    public static final String JOBS_EXCHANGE = "heavyweight.jobs";
    /** Dead-letter exchange of both lanes. */
    public static final String JOBS_DLX = "heavyweight.jobs.dlx";
    /** Queue bound to the dead-letter exchange: poison and exhausted jobs. */
    public static final String DEAD_QUEUE = "jobs.dead";
    /** Topic exchange for worker → task-service events; routing key = event type. */
    public static final String EVENTS_EXCHANGE = "heavyweight.events";
    /** The queue task-service consumes events from, bound with {@code task.#}. */
    public static final String TASK_SERVICE_EVENTS_QUEUE = "task-service.events";
    /** Binding pattern for all task events. */
    public static final String TASK_EVENTS_PATTERN = "task.#";
    /** Prefix of the routing keys of {@link TaskStatusChangedMessage}s (task-service → gateways). */
    public static final String STATUS_ROUTING_PREFIX = "status.";
    /** Binding pattern for all task status changes; disjoint from {@link #TASK_EVENTS_PATTERN}. */
    public static final String STATUS_PATTERN = "status.#";
    /** Routing key (on {@link #EVENTS_EXCHANGE}) of {@link LabelingSampleMessage}s. */
    public static final String LABELING_ROUTING_KEY = "labeling.sample";
    /** The queue a manual labelling tool reads sampled tasks from, bound with {@link #LABELING_ROUTING_KEY}. */
    public static final String LABELING_QUEUE = "labeling.samples";
    /** Fanout exchange for control messages every worker instance hears (e.g. task cancellations). */
    public static final String CONTROL_EXCHANGE = "heavyweight.control";
    /** Highest message priority in a lane ({@code x-max-priority}). */
    public static final int MAX_PRIORITY = 10;

    private Topology() {
    }

    /** Routing key of a status change to {@code state} (lower case), e.g. {@code status.succeeded}. */
    public static String statusRoutingKey(String state) {
        return STATUS_ROUTING_PREFIX + state;
    }

    /** Arguments every lane queue is declared with. */
    public static Map<String, Object> laneQueueArguments() {
        return Map.of(
                "x-max-priority", MAX_PRIORITY,
                "x-dead-letter-exchange", JOBS_DLX);
    }
}
