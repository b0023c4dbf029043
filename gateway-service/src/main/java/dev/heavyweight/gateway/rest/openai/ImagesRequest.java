package dev.heavyweight.gateway.rest.openai;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of POST /v1/images/generations, OpenAI's Images API request. {@code quality} and {@code style} are
 * accepted and ignored (the models have no such knobs); any other field is refused, as OpenAI does.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImagesRequest(String prompt, String model, Integer n, String size, String responseFormat, String user,
        String quality, String style) {
}
