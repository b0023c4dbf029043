package dev.heavyweight.contracts.messages;

import java.util.Locale;
import java.util.Optional;

/** The two job lanes: interactive users never wait behind bulk (batch) work. */
public enum Lane {
    INTERACTIVE("interactive", "jobs.interactive"),
    BATCH("batch", "jobs.batch");

    private final String routingKey;
    private final String queue;

    Lane(String routingKey, String queue) {
        this.routingKey = routingKey;
        this.queue = queue;
    }

    /** Routing key on {@link Topology#JOBS_EXCHANGE}, also the lane's name on the wire and in the API. */
    public String routingKey() {
        return routingKey;
    }

    /** The durable priority queue that holds this lane's jobs. */
    public String queue() {
        return queue;
    }

    public static Optional<Lane> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Lane lane : values()) {
            if (lane.routingKey.equals(wanted)) {
                return Optional.of(lane);
            }
        }
        return Optional.empty();
    }
}
