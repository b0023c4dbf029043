package dev.heavyweight.moderation.prompt.embedding;

/**
 * A text's raw cosine similarities for one topic: to its closest concept phrase and to its closest safe anchor.
 * The engine's score is a calibrated {@link #margin()}.
 */
public record Similarity(double concept, double anchor) {

    public double margin() {
        return concept - anchor;
    }
}
