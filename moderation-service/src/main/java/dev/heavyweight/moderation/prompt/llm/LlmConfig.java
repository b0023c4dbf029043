package dev.heavyweight.moderation.prompt.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Engine {@code llm} ({@code heavyweight.moderation.llm.*}): an OpenAI-compatible chat endpoint that moderates. */
@ConfigMapping(prefix = "heavyweight.moderation.llm")
public interface LlmConfig {

    /** OpenAI-compatible base URL (e.g. https://api.openai.com/v1); blank or absent: the engine is off. */
    Optional<String> baseUrl();

    /** Bearer key for the endpoint; local servers usually need none. */
    Optional<String> apiKey();

    /** Chat model that moderates; it must support JSON-schema structured answers. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Longest wait for one answer (connect and read); past it the engine fails and the call has no verdict. */
    @WithDefault("10s")
    Duration timeout();

    /** Retries of a failed call inside one moderation (0: fail at once, the caller retries on UNAVAILABLE). */
    @WithDefault("0")
    int maxRetries();
}
