package dev.heavyweight.moderation.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Thresholds the way Stable Diffusion's safety checker does: {@code margin = score − threshold}, flagged when
 * {@code margin ≥ 0}. When any special-care topic (minors) is flagged at its own threshold, every other topic's
 * threshold is lowered by the adjustment, so borderline scores in those topics flag too. An unassessed topic is
 * never flagged here; its unassessed-action is applied by the caller, which knows what kind of input it judges.
 */
public final class ThresholdPolicy {

    /** A topic's score and the engine that gave it. */
    public record Scored(Assessment assessment, String engine) {
        static final Scored NONE = new Scored(Assessment.unassessed(), "");
    }

    private final List<Topic> topics;
    private final double adjustment;

    ThresholdPolicy(List<Topic> topics, double adjustment) {
        this.topics = topics;
        this.adjustment = adjustment;
    }

    /** One engine's result, thresholded. */
    public List<TopicResult> apply(EngineResult result) {
        return apply(topic -> new Scored(result.of(topic), result.engine()));
    }

    /** Several engines' results: per topic the highest assessed score (and its engine), thresholded once. */
    public List<TopicResult> combine(List<EngineResult> results) {
        return apply(topic -> {
            Scored best = Scored.NONE;
            for (EngineResult result : results) {
                Assessment assessment = result.of(topic);
                if (assessment.assessed() && (!best.assessment().assessed() || assessment.score() > best.assessment().score())) {
                    best = new Scored(assessment, result.engine());
                }
            }
            return best;
        });
    }

    /** Thresholds scores looked up by topic name. */
    public List<TopicResult> apply(Function<String, Scored> scores) {
        List<Scored> scored = topics.stream().map(topic -> scores.apply(topic.name())).toList();
        boolean tighten = false;
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            Assessment assessment = scored.get(i).assessment();
            if (topic.specialCare() && assessment.assessed() && assessment.score() - topic.threshold() >= 0) {
                tighten = true;
            }
        }
        List<TopicResult> results = new ArrayList<>(topics.size());
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            Scored score = scored.get(i);
            double threshold = tighten && !topic.specialCare()
                    ? Math.max(0, topic.threshold() - adjustment)
                    : topic.threshold();
            Assessment assessment = score.assessment();
            double margin = assessment.assessed() ? assessment.score() - threshold : 0;
            boolean flagged = assessment.assessed() && margin >= 0;
            results.add(new TopicResult(topic.name(), assessment.assessed(), assessment.score(), threshold, margin,
                    flagged, assessment.assessed() ? score.engine() : ""));
        }
        return List.copyOf(results);
    }
}
