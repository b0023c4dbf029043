package dev.heavyweight.gateway.rest.generations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.contracts.task.Feedback;
import java.time.Instant;

/** The feedback stored for a user and generation; fields the user never gave are null. */
public record FeedbackView(@JsonProperty("generation_id") String generationId, String user, Boolean accepted,
        Integer rating, String comment, @JsonProperty("updated_at") String updatedAt) {

    static FeedbackView of(Feedback feedback) {
        return new FeedbackView(feedback.getTaskId(), feedback.getUser(),
                feedback.hasAccepted() ? feedback.getAccepted() : null,
                feedback.hasRating() ? feedback.getRating() : null,
                feedback.hasComment() ? feedback.getComment() : null,
                feedback.getUpdatedAtMs() == 0 ? null : Instant.ofEpochMilli(feedback.getUpdatedAtMs()).toString());
    }
}
