package dev.heavyweight.moderation.prompt.llm;

import dev.heavyweight.moderation.prompt.PromptEngine;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.prompt.embedding.EmbeddingEngine;
import dev.heavyweight.moderation.topics.Assessment;
import dev.heavyweight.moderation.topics.EngineResult;
import dev.heavyweight.moderation.topics.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Engine {@code llm}: one call to an OpenAI-compatible moderator ({@link LlmModerationClient}) that translates the
 * prompt to English and scores each topic's definition; the English translation is also scored by the embedding
 * engine, and per topic the higher score counts. This is what judges prompts in languages the other engines do
 * not read. Thresholds are applied by the chain, not the model. Any failure (HTTP error, refused connection,
 * timeout, an answer that is not exactly the schema) fails the engine: no verdict, never "allowed".
 */
@Singleton
public class LlmEngine implements PromptEngine {

    public static final String NAME = "llm";

    private final LlmModerationClient client;
    private final EmbeddingEngine embedding;
    private final Topics topics;
    private final Duration deadline;

    LlmEngine(LlmModerationClient client, EmbeddingEngine embedding, Topics topics, LlmConfig config) {
        this.client = client;
        this.embedding = embedding;
        this.topics = topics;
        // The client's own timeout bounds each attempt; this bounds the whole call should the transport hang anyway.
        this.deadline = config.timeout().multipliedBy(config.maxRetries() + 1L).plusSeconds(1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<EngineResult> assess(PromptInput input) {
        return Uni.createFrom().item(() -> judge(input.prompt()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(deadline).failWith(() -> new TimeoutException("no LLM moderator answer within " + deadline));
    }

    private EngineResult judge(String prompt) {
        LlmAnswer answer = client.moderate(prompt);
        Map<String, Assessment> translated = embedding.score(answer.translation());
        Map<String, Assessment> scores = new HashMap<>();
        boolean fromTranslation = false;
        for (String topic : topics.names()) {
            double llm = answer.scores().get(topic);
            Assessment viaEmbedding = translated.getOrDefault(topic, Assessment.unassessed());
            if (viaEmbedding.assessed() && viaEmbedding.score() > llm) {
                fromTranslation |= viaEmbedding.score() >= topics.all().stream()
                        .filter(t -> t.name().equals(topic)).findFirst().orElseThrow().threshold();
                scores.put(topic, viaEmbedding);
            } else {
                scores.put(topic, Assessment.of(llm));
            }
        }
        return new EngineResult(NAME, scores, fromTranslation ? "Judged on the prompt's English translation" : "");
    }
}
