package dev.heavyweight.gateway.service;

import java.time.Duration;

/** The generations a caller waited for did not end within the allowed time. */
public class GenerationTimeoutException extends RuntimeException {

    public GenerationTimeoutException(Duration waited) {
        super("the images were not ready within " + waited.toSeconds() + " s", null, false, false);
    }
}
