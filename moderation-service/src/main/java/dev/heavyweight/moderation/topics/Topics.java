package dev.heavyweight.moderation.topics;

import dev.heavyweight.moderation.config.ModerationConfig;
import dev.heavyweight.moderation.config.TopicConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured topics, validated at startup (a threshold outside 0..1 or a negative class weight stops the
 * service instead of silently judging wrong), and the {@link ThresholdPolicy} over them.
 */
@Startup
@Singleton
public class Topics {

    private final List<Topic> topics;
    private final ThresholdPolicy policy;

    @Inject
    Topics(ModerationConfig config) {
        this(fromConfig(config.topics()), config.specialCareAdjustment());
    }

    public Topics(List<Topic> topics, double specialCareAdjustment) {
        if (topics.isEmpty()) {
            throw new IllegalStateException("no moderation topic is configured (heavyweight.moderation.topics.<name>)");
        }
        if (!(specialCareAdjustment >= 0 && specialCareAdjustment <= 1)) {
            throw new IllegalStateException("heavyweight.moderation.special-care-adjustment must be within 0..1, got "
                    + specialCareAdjustment);
        }
        this.topics = List.copyOf(topics);
        this.policy = new ThresholdPolicy(this.topics, specialCareAdjustment);
    }

    /** Every topic, in name order. */
    public List<Topic> all() {
        return topics;
    }

    public List<String> names() {
        return topics.stream().map(Topic::name).toList();
    }

    public ThresholdPolicy policy() {
        return policy;
    }

    private static List<Topic> fromConfig(Map<String, TopicConfig> configured) {
        List<Topic> topics = new ArrayList<>();
        new TreeMap<>(configured).forEach((name, topic) -> {
            String prefix = "heavyweight.moderation.topics." + name + ".";
            if (!(topic.threshold() >= 0 && topic.threshold() <= 1)) {
                throw new IllegalStateException(prefix + "threshold must be within 0..1, got " + topic.threshold());
            }
            topic.imageClasses().forEach((cls, weight) -> {
                if (!(weight >= 0)) {
                    throw new IllegalStateException(prefix + "image-classes." + cls + " must be ≥ 0, got " + weight);
                }
            });
            topics.add(new Topic(name, topic.threshold(), topic.specialCare(), topic.unassessedAction(),
                    topic.imageUnassessedAction(), topic.definition().orElse(""), topic.terms().orElse(List.of()),
                    topic.concepts().orElse(List.of()), topic.safeAnchors().orElse(List.of()), topic.imageClasses()));
        });
        return topics;
    }
}
