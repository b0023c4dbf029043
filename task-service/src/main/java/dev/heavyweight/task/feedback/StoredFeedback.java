package dev.heavyweight.task.feedback;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code task_feedback} as stored after the upsert. */
public record StoredFeedback(UUID taskId, String user, Boolean accepted, Integer rating, String comment, Instant updatedAt) {
}
