package dev.heavyweight.task.client;

/** moderation-service gave no verdict (unreachable, too slow, or failing); no prompt passes unchecked. */
public class ModerationUnavailableException extends RuntimeException {

    public ModerationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
