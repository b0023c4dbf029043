package dev.heavyweight.gateway.rest.generations;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of POST /v1/generations; everything but {@code prompt} is optional. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerationRequest(
        String prompt,
        String negativePrompt,
        String model,
        Integer width,
        Integer height,
        Integer steps,
        Long seed,
        String priority,
        String webhookUrl) {

    public GenerationRequest(String prompt, String negativePrompt, String model, Integer width, Integer height,
            Integer steps, Long seed, String priority) {
        this(prompt, negativePrompt, model, width, height, steps, seed, priority, null);
    }
}
