package dev.heavyweight.gateway.rest.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's Images API answer: {@code created} (epoch seconds) and one entry per image; no revised_prompt. */
public record ImagesResponse(long created, List<Image> data) {

    /** Exactly one of {@code url} and {@code b64_json}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String url, @JsonProperty("b64_json") String b64Json) {
    }
}
