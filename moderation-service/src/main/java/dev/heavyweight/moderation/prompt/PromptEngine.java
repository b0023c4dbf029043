package dev.heavyweight.moderation.prompt;

import dev.heavyweight.moderation.topics.ModerationEngine;

/**
 * A prompt engine ({@code lexicon}, {@code embedding}, {@code llm}); the pipeline runs those named in
 * {@code heavyweight.moderation.prompt-engines}, in that order. It judges the prompt; the negative prompt is
 * not judged for topics (see the service README).
 */
public interface PromptEngine extends ModerationEngine<PromptInput> {
}
