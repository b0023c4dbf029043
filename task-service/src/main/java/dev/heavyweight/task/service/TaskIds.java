package dev.heavyweight.task.service;

import java.util.Locale;
import java.util.UUID;

/** Task ids on the API: canonical UUID strings. */
public final class TaskIds {

    private TaskIds() {
    }

    /** The id, or {@link TaskNotFoundException}: a malformed id names no task, like an unknown one. */
    public static UUID parse(String raw) {
        if (raw == null || raw.length() != 36) {
            throw new TaskNotFoundException(String.valueOf(raw));
        }
        try {
            UUID id = UUID.fromString(raw);
            if (!id.toString().equals(raw.toLowerCase(Locale.ROOT))) {
                throw new TaskNotFoundException(raw);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new TaskNotFoundException(raw);
        }
    }
}
