package dev.heavyweight.moderation.topics;

import java.util.List;

/** What one engine decided: its topics thresholded on their own. */
public record EngineVerdict(String engine, boolean allowed, List<String> categories, String detail,
        List<TopicResult> topics) {
}
