package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.models.ModelSpec;

/** A validated submission with every default resolved: what a task is created from. */
public record Submission(
        String tenant,
        String prompt,
        String negativePrompt,
        ModelSpec model,
        int width,
        int height,
        int steps,
        long seed,
        Lane lane) {
}
