package dev.heavyweight.moderation.prompt.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moderator's structured answer: the prompt translated to English and a 0..1 score per topic. Parsed
 * strictly: anything but exactly {@code {"translation": string, "scores": {every topic: number in 0..1}}} is
 * rejected, since a half-read answer must not pass as a verdict.
 */
record LlmAnswer(String translation, Map<String, Double> scores) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LlmAnswer parse(String text, List<String> topics) {
        if (text == null || text.isBlank()) {
            throw new LlmAnswerException("the answer is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LlmAnswerException("the answer is not JSON");
        }
        if (root == null || !root.isObject() || !fields(root).equals(Set.of("translation", "scores"))) {
            throw new LlmAnswerException("the answer must be an object with exactly translation and scores");
        }
        if (!root.get("translation").isTextual()) {
            throw new LlmAnswerException("translation must be a string");
        }
        JsonNode scores = root.get("scores");
        if (!scores.isObject() || !fields(scores).equals(new HashSet<>(topics))) {
            throw new LlmAnswerException("scores must have exactly the topics " + topics);
        }
        Map<String, Double> parsed = new LinkedHashMap<>();
        for (String topic : topics) {
            JsonNode score = scores.get(topic);
            if (!score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
                throw new LlmAnswerException("score of " + topic + " must be a number within 0..1");
            }
            parsed.put(topic, score.asDouble());
        }
        return new LlmAnswer(root.get("translation").asText(), parsed);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The endpoint answered, but not with a usable verdict. */
    static final class LlmAnswerException extends RuntimeException {
        LlmAnswerException(String message) {
            super("LLM moderator answer rejected: " + message);
        }
    }
}
