package dev.heavyweight.moderation.service;

/** A stage could not decide; the whole verdict fails so nothing unmoderated passes. */
public class StageFailedException extends RuntimeException {

    private final String stage;

    public StageFailedException(String stage, Throwable cause) {
        super("prompt stage " + stage + " failed", cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
