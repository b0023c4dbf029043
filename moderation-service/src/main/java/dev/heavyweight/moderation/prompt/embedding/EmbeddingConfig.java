package dev.heavyweight.moderation.prompt.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Engine {@code embedding} ({@code heavyweight.moderation.embedding.*}): how a raw margin (best concept
 * similarity − best safe-anchor similarity) becomes a 0..1 score. Calibrated on {@code bench/moderation/prompts.tsv}
 * (see the service README); the topic threshold (0.5) then sits on the decision margin.
 */
@ConfigMapping(prefix = "heavyweight.moderation.embedding")
public interface EmbeddingConfig {

    /** The raw margin that maps to score 0.5 (the decision point of a topic at threshold 0.5). */
    @WithDefault("0.02")
    double decisionMargin();

    /** How far (in raw margin) above or below the decision margin a score reaches 1 or 0. */
    @WithDefault("0.2")
    double marginSpan();

    /**
     * Below this best-concept cosine similarity a prompt is unrelated to the topic whatever its anchors say:
     * its score stays under the decision point.
     */
    @WithDefault("0.45")
    double minConceptSimilarity();

    /** Every topic's safe anchors pull every topic down (a benign look-alike of one topic is benign for all). */
    @WithDefault("true")
    boolean shareAnchors();

    /** Share of the prompt's letters that must be Latin for the engine to judge it (the model is English-only). */
    @WithDefault("0.5")
    double minLatinShare();

    /**
     * Directory holding {@value EmbeddingModels#MODEL_FILE} and {@value EmbeddingModels#TOKENIZER_FILE} (the two
     * files of the langchain4j model jar). Container images carry no weights: there the directory is a mounted
     * volume. Unset: the copy inside the langchain4j jar on the classpath (local runs, tests).
     */
    Optional<Path> modelDir();
}
