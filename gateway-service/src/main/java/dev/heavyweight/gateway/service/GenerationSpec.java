package dev.heavyweight.gateway.service;

import dev.heavyweight.contracts.messages.Lane;

/**
 * A validated generation request with every default applied, so task-service receives explicit values.
 *
 * @param seed null when the client gave none (task-service draws one)
 */
public record GenerationSpec(String prompt, String negativePrompt, String model, int width, int height, int steps,
        Long seed, Lane lane) {
}
