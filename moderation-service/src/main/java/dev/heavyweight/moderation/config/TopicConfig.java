package dev.heavyweight.moderation.config;

import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One banned topic ({@code heavyweight.moderation.topics.<name>.*}): its threshold and what each engine needs
 * to judge it. Scores of every engine are calibrated to 0..1, so one threshold serves them all.
 */
public interface TopicConfig {

    /** Flagged when score − threshold ≥ 0. Between 0 and 1. */
    double threshold();

    /**
     * A special-care topic (minors): when it fires, every other topic's threshold is lowered by
     * {@code heavyweight.moderation.special-care-adjustment}, as in Stable Diffusion's safety checker.
     */
    @WithDefault("false")
    boolean specialCare();

    /** What a prompt verdict does when no engine could judge this topic (e.g. an unsupported language). */
    @WithDefault("block")
    UnassessedAction unassessedAction();

    /** The same for images: the image classifier has no signal for most topics, so the default is allow. */
    @WithDefault("allow")
    UnassessedAction imageUnassessedAction();

    /** One-line definition the LLM moderator scores against. */
    Optional<String> definition();

    /** Lexicon: words and phrases (English and Russian) that flag this topic wherever they occur, however disguised. */
    Optional<List<String>> terms();

    /** Embedding engine: English phrases that describe the banned concept. */
    Optional<List<String>> concepts();

    /** Embedding engine: English phrases of benign look-alikes ("shoot a photo") that pull a score down. */
    Optional<List<String>> safeAnchors();

    /**
     * Image classifier: weight per class name of the safety model (e.g. {@code Porn=1, Hentai=1, Sexy=0.5});
     * score = min(1, Σ weight × probability). Empty: the image engine does not assess this topic.
     */
    Map<String, Double> imageClasses();

    /** What to do with a topic nobody could judge. */
    enum UnassessedAction { ALLOW, BLOCK }
}
