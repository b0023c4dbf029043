package dev.heavyweight.moderation.topics;

import java.util.List;

/**
 * The decision on one prompt or image.
 *
 * @param reason     empty when allowed; {@code <kind>_blocked} when a topic was flagged, {@code <kind>_unassessed}
 *                   when no engine could judge a topic whose unassessed-action is block
 * @param detail     explanation of a block in words (never the prompt); empty when allowed
 * @param engine     the engine that blocked, {@code policy} for an unassessed block, empty when allowed
 * @param categories the topics that blocked (flagged, or unassessed and blocking)
 * @param topics     every topic combined over the engines that ran
 * @param engines    each engine that ran, in order
 */
public record Verdict(Kind kind, boolean allowed, String reason, String detail, String engine,
        List<String> categories, List<TopicResult> topics, List<EngineVerdict> engines) {

    public static final String POLICY_ENGINE = "policy";
}
