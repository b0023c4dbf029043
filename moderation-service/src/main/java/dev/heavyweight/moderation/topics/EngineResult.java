package dev.heavyweight.moderation.topics;

import java.util.Map;

/**
 * One engine's raw assessment of every topic it was asked about, before thresholds. A topic missing from
 * {@code topics} counts as unassessed.
 *
 * @param engine the engine's name ("lexicon", "embedding", "llm", "nsfw_mobilenet_v2")
 * @param note   what the engine wants to add to a block's explanation (never the prompt itself), may be empty
 */
public record EngineResult(String engine, Map<String, Assessment> topics, String note) {

    public EngineResult {
        topics = Map.copyOf(topics);
        note = note == null ? "" : note;
    }

    public EngineResult(String engine, Map<String, Assessment> topics) {
        this(engine, topics, "");
    }

    public Assessment of(String topic) {
        return topics.getOrDefault(topic, Assessment.unassessed());
    }
}
