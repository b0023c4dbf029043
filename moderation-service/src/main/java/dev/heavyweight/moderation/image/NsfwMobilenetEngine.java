package dev.heavyweight.moderation.image;

import dev.heavyweight.moderation.topics.Assessment;
import dev.heavyweight.moderation.topics.EngineResult;
import dev.heavyweight.moderation.topics.Topic;
import dev.heavyweight.moderation.topics.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Image engine {@code nsfw_mobilenet_v2}: nsfwjs's MobileNetV2 safety classifier, served by the GPU nodes and
 * reached through the balancer. The PNG is decoded and scaled to 224×224 on a worker thread, classified into
 * Drawing, Hentai, Neutral, Porn and Sexy, and each topic scores {@code min(1, Σ weight × p(class))} over its
 * {@code image-classes}; a topic without image classes is unassessed. Any failure fails the engine (no verdict).
 */
@ApplicationScoped
public class NsfwMobilenetEngine implements ImageEngine {

    public static final String NAME = "nsfw_mobilenet_v2";

    private final SafetyModelClient client;
    private final List<Topic> topics;
    private final long maxPixels;

    NsfwMobilenetEngine(SafetyModelClient client, Topics topics, ImageModerationConfig moderation) {
        ImageModerationConfig.SafetyModel config = moderation.image();
        this.client = client;
        this.topics = topics.all();
        this.maxPixels = config.maxPixels();
        for (Topic topic : this.topics) {
            for (String cls : topic.imageClasses().keySet()) {
                if (!config.classes().contains(cls)) {
                    throw new IllegalStateException("heavyweight.moderation.topics." + topic.name() + ".image-classes."
                            + cls + " is not a class of " + config.model() + " " + config.classes());
                }
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<EngineResult> assess(ImageInput input) {
        return Uni.createFrom().item(() -> SafetyModelInput.fromPng(input.png(), maxPixels))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(rgb -> client.classify(input.taskId(), rgb, input.lane()))
                .map(this::score);
    }

    EngineResult score(Map<String, Double> probabilities) {
        Map<String, Assessment> scores = new HashMap<>();
        for (Topic topic : topics) {
            if (topic.imageClasses().isEmpty()) {
                continue;
            }
            double sum = 0;
            for (Map.Entry<String, Double> weight : topic.imageClasses().entrySet()) {
                Double p = probabilities.get(weight.getKey());
                if (p == null) {
                    throw new SafetyModelException("scoring " + topic.name(), new IllegalStateException(
                            "the model answered classes " + probabilities.keySet() + " without " + weight.getKey()));
                }
                sum += weight.getValue() * p;
            }
            scores.put(topic.name(), Assessment.of(Math.min(1, sum)));
        }
        return new EngineResult(NAME, scores, "classes " + describe(probabilities));
    }

    /** The classes, most probable first: explains a block without showing the picture. */
    private static String describe(Map<String, Double> probabilities) {
        return probabilities.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
