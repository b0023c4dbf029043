package dev.heavyweight.moderation.prompt.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.heavyweight.moderation.topics.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each topic's concept phrases and safe anchors, embedded once, and the raw margins of a text against them:
 * {@code max cosine(text, concepts) − max cosine(text, safe anchors)}. A topic without concepts is absent.
 */
final class ConceptIndex {

    private record TopicVectors(List<Embedding> concepts, List<Embedding> anchors) {
    }

    private final EmbeddingModel model;
    private final Map<String, TopicVectors> topics = new LinkedHashMap<>();

    /**
     * @param shareAnchors every topic's safe anchors count for every topic: a benign look-alike of one topic
     *                     ("a doctor giving an injection") is benign for all of them
     */
    ConceptIndex(EmbeddingModel model, List<Topic> configured, boolean shareAnchors) {
        this.model = model;
        List<Embedding> shared = shareAnchors
                ? embed(configured.stream().flatMap(t -> t.safeAnchors().stream()).distinct().toList())
                : List.of();
        for (Topic topic : configured) {
            if (!topic.concepts().isEmpty()) {
                topics.put(topic.name(), new TopicVectors(embed(topic.concepts()),
                        shareAnchors ? shared : embed(topic.safeAnchors())));
            }
        }
    }

    boolean covers(String topic) {
        return topics.containsKey(topic);
    }

    int phraseCount() {
        return topics.values().stream().mapToInt(v -> v.concepts().size()).sum()
                + (int) topics.values().stream().map(TopicVectors::anchors).distinct().mapToLong(List::size).sum();
    }

    /** Raw similarities per covered topic. CPU work (one model call): never call it on an event loop. */
    Map<String, Similarity> similarities(String text) {
        Embedding embedded = model.embed(text).content();
        Map<String, Similarity> raw = new LinkedHashMap<>();
        topics.forEach((name, vectors) -> raw.put(name,
                new Similarity(best(embedded, vectors.concepts()), best(embedded, vectors.anchors()))));
        return raw;
    }

    private List<Embedding> embed(List<String> phrases) {
        if (phrases.isEmpty()) {
            return List.of();
        }
        return model.embedAll(phrases.stream().map(TextSegment::from).toList()).content();
    }

    private static double best(Embedding text, List<Embedding> phrases) {
        double best = 0;
        for (Embedding phrase : phrases) {
            best = Math.max(best, CosineSimilarity.between(text, phrase));
        }
        return best;
    }
}
