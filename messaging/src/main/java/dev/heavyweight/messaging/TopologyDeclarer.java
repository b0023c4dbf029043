package dev.heavyweight.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.messages.Topology;
import java.io.IOException;
import java.util.Map;

/**
 * Declares the whole Heavyweight topology. Every service that publishes or consumes declares all of
 * it, so no message is ever published to an exchange without its queue (jobs and events are buffered
 * even if their consumer has never run). Declarations are idempotent and re-done by topology
 * recovery after a broker restart.
 */
final class TopologyDeclarer {

    private TopologyDeclarer() {
    }

    static void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.JOBS_DLX, BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(Topology.DEAD_QUEUE, true, false, false, Map.of());
        channel.queueBind(Topology.DEAD_QUEUE, Topology.JOBS_DLX, "");

        channel.exchangeDeclare(Topology.JOBS_EXCHANGE, BuiltinExchangeType.DIRECT, true);
        for (Lane lane : Lane.values()) {
            channel.queueDeclare(lane.queue(), true, false, false, Topology.laneQueueArguments());
            channel.queueBind(lane.queue(), Topology.JOBS_EXCHANGE, lane.routingKey());
        }

        channel.exchangeDeclare(Topology.CONTROL_EXCHANGE, BuiltinExchangeType.FANOUT, true);

        channel.exchangeDeclare(Topology.EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(Topology.TASK_SERVICE_EVENTS_QUEUE, true, false, false, Map.of());
        channel.queueBind(Topology.TASK_SERVICE_EVENTS_QUEUE, Topology.EVENTS_EXCHANGE, Topology.TASK_EVENTS_PATTERN);
        channel.queueDeclare(Topology.LABELING_QUEUE, true, false, false, Map.of());
        channel.queueBind(Topology.LABELING_QUEUE, Topology.EVENTS_EXCHANGE, Topology.LABELING_ROUTING_KEY);
    }
}
