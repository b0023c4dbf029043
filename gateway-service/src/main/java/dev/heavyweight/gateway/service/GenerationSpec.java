package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.messages.Lane;

/**
 * A validated generation request with every default applied, so task-service receives explicit values.
 *
 * @param seed       null when the client gave none (task-service draws one)
 * @param webhookUrl empty when the client wants no webhook
 * @param endUser    empty when the client names none (OpenAI's {@code user})
 */
public record GenerationSpec(String prompt, String negativePrompt, String model, int width, int height, int steps,
        Long seed, Lane lane, String webhookUrl, String endUser) {

    public GenerationSpec(String prompt, String negativePrompt, String model, int width, int height, int steps,
            Long seed, Lane lane) {
        this(prompt, negativePrompt, model, width, height, steps, seed, lane, "", "");
    }
}
