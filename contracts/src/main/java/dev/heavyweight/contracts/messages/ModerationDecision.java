package dev.heavyweight.contracts.messages;

import java.util.List;

/**
 * What moderation decided when it blocked a task, as it travels in worker events (JSON), is stored on the
 * task and is shown in the status document.
 *
 * @param stage  {@code prompt} or {@code image}
 * @param engine the engine that blocked ({@code lexicon}, {@code embedding}, {@code llm},
 *               {@code nsfw_mobilenet_v2}), or {@code policy} when an unassessed topic's action blocked
 * @param topics every configured topic's combined result
 */
public record ModerationDecision(String stage, String engine, List<Topic> topics) {

    public static final String STAGE_PROMPT = "prompt";
    public static final String STAGE_IMAGE = "image";

    public ModerationDecision {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /**
     * One topic's result.
     *
     * @param assessed  false when no engine could judge it (score is then 0)
     * @param score     0..1
     * @param threshold the threshold in force (after special-care tightening)
     * @param engine    the engine with the highest assessed score
     */
    public record Topic(String topic, boolean assessed, double score, double threshold, boolean flagged, String engine) {
    }

    /** Names of the flagged topics, in order. */
    public List<String> flaggedTopics() {
        return topics.stream().filter(Topic::flagged).map(Topic::topic).toList();
    }
}
