package dev.heavyweight.moderation.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.moderation.topics.EngineVerdict;
import dev.heavyweight.moderation.topics.TopicResult;
import dev.heavyweight.moderation.topics.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's moderation answer ({@code id}, {@code model}, {@code results[]} with {@code flagged}, {@code categories},
 * {@code category_scores}) with our topics as the categories, plus what OpenAI has no field for: which topics
 * were assessed at all, the blocking engine, reason and detail, and each engine's own decision.
 */
record ModerationsResponse(String id, String model, List<Result> results) {

    record Result(
            boolean flagged,
            Map<String, Boolean> categories,
            @JsonProperty("category_scores") Map<String, Double> categoryScores,
            Map<String, Boolean> assessed,
            String engine,
            String reason,
            String detail,
            List<Engine> engines) {

        static Result of(Verdict verdict) {
            Map<String, Boolean> categories = new LinkedHashMap<>();
            Map<String, Double> scores = new LinkedHashMap<>();
            Map<String, Boolean> assessed = new LinkedHashMap<>();
            for (TopicResult topic : verdict.topics()) {
                categories.put(topic.topic(), verdict.categories().contains(topic.topic()));
                scores.put(topic.topic(), topic.score());
                assessed.put(topic.topic(), topic.assessed());
            }
            boolean allowed = verdict.allowed();
            return new Result(!allowed, categories, scores, assessed, allowed ? null : verdict.engine(),
                    allowed ? null : verdict.reason(), allowed ? null : verdict.detail(),
                    verdict.engines().stream().map(Engine::of).toList());
        }
    }

    /** One engine that ran, with the topics it flagged on its own. */
    record Engine(String engine, boolean flagged, List<String> categories) {

        static Engine of(EngineVerdict verdict) {
            return new Engine(verdict.engine(), !verdict.allowed(), verdict.categories());
        }
    }
}
