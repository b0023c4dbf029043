package dev.heavyweight.task.feedback;

import dev.heavyweight.task.service.InvalidFieldException;
import dev.heavyweight.task.service.TextFields;

/**
 * A user's feedback on a task, checked: at least one field, a rating of 1..5, a comment of at most
 * {@value #MAX_COMMENT_CODE_POINTS} characters without control characters (line breaks and tabs are fine).
 *
 * @param accepted null when not given (likewise {@code rating} and {@code comment})
 */
public record FeedbackInput(String user, Boolean accepted, Integer rating, String comment) {

    public static final int MAX_COMMENT_CODE_POINTS = 2000;
    public static final int MAX_USER_LENGTH = 256;

    public FeedbackInput {
        user = TextFields.label("user", user == null ? "" : user, MAX_USER_LENGTH);
        if (accepted == null && rating == null && comment == null) {
            throw new InvalidFieldException("feedback", "give at least one of accepted, rating and comment");
        }
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new InvalidFieldException("rating", "must be between 1 and 5");
        }
        if (comment != null) {
            if (comment.codePointCount(0, comment.length()) > MAX_COMMENT_CODE_POINTS) {
                throw new InvalidFieldException("comment", "must be at most " + MAX_COMMENT_CODE_POINTS + " characters");
            }
            TextFields.requireNoControls("comment", comment);
        }
    }
}
