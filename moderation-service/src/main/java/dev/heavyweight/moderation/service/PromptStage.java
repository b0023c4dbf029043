package dev.heavyweight.moderation.service;

import io.smallrye.mutiny.Uni;

/**
 * One check in the prompt moderation pipeline. Implementations are CDI beans; the pipeline runs the
 * ones named in {@code heavyweight.moderation.prompt-stages}, in that order. A stage that calls out (a
 * model, an LLM) must not block the caller's thread.
 */
public interface PromptStage {

    /** The name used in configuration, verdicts and metrics, e.g. "blocklist". */
    String name();

    /** Fails (instead of allowing) when the stage cannot decide: moderation fails closed. */
    Uni<StageVerdict> check(PromptInput input);
}
