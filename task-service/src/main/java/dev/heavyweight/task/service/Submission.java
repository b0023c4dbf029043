package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Lane;
import dev.heavyweight.contracts.models.ModelSpec;
import java.net.URI;

/**
 * A validated submission with every default resolved: what a task is created from.
 *
 * @param endUser        null for none
 * @param webhookUrl     null for none; its host is checked against the address policy separately
 * @param idempotencyKey null for none
 * @param requestHash    the request's fingerprint, compared when the idempotency key is used again
 */
public record Submission(
        String tenant,
        String prompt,
        String negativePrompt,
        ModelSpec model,
        int width,
        int height,
        int steps,
        long seed,
        Lane lane,
        String user,
        String endUser,
        URI webhookUrl,
        String idempotencyKey,
        String requestHash) {
}
