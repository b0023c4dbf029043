package dev.heavyweight.moderation.topics;

/**
 * One topic after thresholds: {@code margin = score − threshold}, flagged when the topic was assessed and
 * the margin is ≥ 0.
 *
 * @param threshold the threshold in force (after special-care tightening)
 * @param engine    the engine whose score this is; for a combined result the engine with the highest score
 *                  (empty when nobody assessed it)
 */
public record TopicResult(String topic, boolean assessed, double score, double threshold, double margin,
        boolean flagged, String engine) {
}
