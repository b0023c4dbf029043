package dev.heavyweight.contracts.messages;

import java.util.Optional;

/** Event types on {@link Topology#EVENTS_EXCHANGE}; the wire name is also the routing key. */
public enum TaskEventType {
    STARTED("task.started"),
    PROGRESS("task.progress"),
    SUCCEEDED("task.succeeded"),
    FAILED("task.failed"),
    REJECTED("task.rejected");

    private final String wireName;

    TaskEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TaskEventType> fromWireName(String name) {
        for (TaskEventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
