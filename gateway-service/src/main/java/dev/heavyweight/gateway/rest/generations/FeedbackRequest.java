package dev.heavyweight.gateway.rest.generations;

import dev.heavyweight.gateway.rest.FieldError;
import dev.heavyweight.gateway.rest.InvalidRequestException;
import dev.heavyweight.gateway.rest.TextChecks;
import dev.heavyweight.gateway.service.FeedbackInput;
import java.util.ArrayList;
import java.util.List;

/** Body of POST /v1/generations/{id}/feedback: any of the three, at least one. */
public record FeedbackRequest(Boolean accepted, Integer rating, String comment) {

    public static final int MAX_COMMENT_CHARS = 2000;

    /** The checked feedback; every bad field is named at once. */
    FeedbackInput validate() {
        List<FieldError> errors = new ArrayList<>();
        if (accepted == null && rating == null && comment == null) {
            errors.add(new FieldError("body", "must give at least one of accepted, rating or comment"));
        }
        if (rating != null && (rating < 1 || rating > 5)) {
            errors.add(new FieldError("rating", "must be an integer from 1 to 5"));
        }
        if (comment != null && TextChecks.hasControlCharacter(comment)) {
            errors.add(new FieldError("comment", TextChecks.CONTROL_CHARACTERS));
        } else if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT_CHARS) {
            errors.add(new FieldError("comment", "must be at most " + MAX_COMMENT_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new FeedbackInput(accepted, rating, comment);
    }
}
