package dev.heavyweight.task.service;

import dev.heavyweight.contracts.messages.Lane;

/**
 * A submission as the caller sent it, before validation and defaults.
 *
 * @param model          empty for the default model
 * @param width          0 for the model's default size (likewise {@code height})
 * @param steps          0 for the model's default step count
 * @param seed           null to have one drawn
 * @param lane           null for the interactive lane
 * @param user           the caller (JWT subject), empty when unknown
 * @param idempotencyKey empty for none
 * @param webhookUrl     empty for none
 * @param endUser        the app's label of its end user, empty for none
 */
public record SubmissionRequest(
        String tenant,
        String prompt,
        String negativePrompt,
        String model,
        int width,
        int height,
        int steps,
        Long seed,
        Lane lane,
        String user,
        String idempotencyKey,
        String webhookUrl,
        String endUser) {
}
