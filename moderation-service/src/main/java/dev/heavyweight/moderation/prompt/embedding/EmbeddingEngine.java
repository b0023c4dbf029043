package dev.heavyweight.moderation.prompt.embedding;

import dev.heavyweight.moderation.prompt.PromptEngine;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.topics.Assessment;
import dev.heavyweight.moderation.topics.EngineResult;
import dev.heavyweight.moderation.topics.Topic;
import dev.heavyweight.moderation.topics.Topics;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Engine {@code embedding}: the prompt is embedded with all-MiniLM-L6-v2 (quantised, in process) and compared
 * with each topic's concept phrases and safe anchors (embedded once at startup). The raw margin
 * {@code max cos(concepts) − max cos(anchors)} is mapped linearly onto 0..1 so the decision margin lands on 0.5
 * (see {@link EmbeddingConfig}). The model reads English only: a prompt whose letters are mostly not Latin
 * leaves every topic unassessed, and each topic's unassessed-action decides. Embedding is CPU work, so it runs on
 * the worker pool, never on the caller's event loop.
 */
@Startup
@Singleton
public class EmbeddingEngine implements PromptEngine {

    public static final String NAME = "embedding";

    private static final Logger LOG = Logger.getLogger(EmbeddingEngine.class);

    private final Topics topics;
    private final EmbeddingConfig config;
    private final ConceptIndex index;

    EmbeddingEngine(Topics topics, EmbeddingConfig config) {
        this.topics = topics;
        this.config = config;
        if (!(config.marginSpan() > 0)) {
            throw new IllegalStateException("heavyweight.moderation.embedding.margin-span must be > 0");
        }
        long start = System.nanoTime();
        this.index = new ConceptIndex(EmbeddingModels.load(config.modelDir()), topics.all(), config.shareAnchors());
        LOG.infof("embedding engine: %d concept and anchor phrases embedded in %d ms", index.phraseCount(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<EngineResult> assess(PromptInput input) {
        return Uni.createFrom().item(() -> new EngineResult(NAME, score(input.prompt())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Calibrated scores of an English text per topic (unassessed when the text is mostly not Latin script).
     * Blocking CPU work; the LLM engine calls it for its translation from its own worker thread.
     */
    public Map<String, Assessment> score(String text) {
        Map<String, Assessment> scores = new HashMap<>();
        if (LatinScript.share(text) < config.minLatinShare()) {
            LOG.debug("embedding engine: prompt is mostly not Latin script, every topic unassessed");
            for (Topic topic : topics.all()) {
                scores.put(topic.name(), Assessment.unassessed());
            }
            return scores;
        }
        index.similarities(text).forEach((topic, raw) -> scores.put(topic, Assessment.of(calibrate(raw))));
        return scores;
    }

    /** Raw similarities per topic before calibration (for the calibration sweep of the bench). Blocking. */
    public Map<String, Similarity> similarities(String text) {
        return index.similarities(text);
    }

    private double calibrate(Similarity raw) {
        double score = 0.5 + 0.5 * (raw.margin() - config.decisionMargin()) / config.marginSpan();
        if (raw.concept() < config.minConceptSimilarity()) {
            score = Math.min(score, 0.49);
        }
        return score;
    }
}
