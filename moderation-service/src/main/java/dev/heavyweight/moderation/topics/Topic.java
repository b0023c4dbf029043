package dev.heavyweight.moderation.topics;

import dev.heavyweight.moderation.config.TopicConfig.UnassessedAction;
import java.util.List;
import java.util.Map;

/** One configured banned topic, validated (see {@link Topics}). */
public record Topic(
        String name,
        double threshold,
        boolean specialCare,
        UnassessedAction unassessedAction,
        UnassessedAction imageUnassessedAction,
        String definition,
        List<String> terms,
        List<String> concepts,
        List<String> safeAnchors,
        Map<String, Double> imageClasses) {

    public Topic {
        terms = List.copyOf(terms);
        concepts = List.copyOf(concepts);
        safeAnchors = List.copyOf(safeAnchors);
        imageClasses = Map.copyOf(imageClasses);
    }

    /** The unassessed action for a verdict of this kind. */
    public UnassessedAction unassessedAction(Kind kind) {
        return kind == Kind.IMAGE ? imageUnassessedAction : unassessedAction;
    }
}
