package dev.heavyweight.moderation.topics;

import io.smallrye.mutiny.Uni;

/**
 * One engine that scores topics for an input (a prompt or an image). Implementations are CDI beans. An engine
 * that calls out (a model, an LLM, the classifier behind the balancer) must not block the caller's thread, and
 * fails instead of guessing: a failed engine means no verdict (fail closed).
 */
public interface ModerationEngine<I> {

    /** The name used in configuration, verdicts and metrics, e.g. "embedding". */
    String name();

    Uni<EngineResult> assess(I input);
}
