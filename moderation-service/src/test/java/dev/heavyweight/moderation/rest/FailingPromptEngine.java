package dev.heavyweight.moderation.rest;

import dev.heavyweight.moderation.prompt.PromptEngine;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.topics.EngineResult;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** A prompt engine whose model is always down; it runs only where a test names it in prompt-engines. */
@Singleton
public class FailingPromptEngine implements PromptEngine {

    static final String NAME = "test-always-down";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<EngineResult> assess(PromptInput input) {
        return Uni.createFrom().failure(new IllegalStateException("connection refused"));
    }
}
