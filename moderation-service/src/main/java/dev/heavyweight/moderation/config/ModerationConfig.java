package dev.heavyweight.moderation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** How prompts and images are moderated: the topics, their thresholds, and the engines that judge them. */
@ConfigMapping(prefix = "heavyweight.moderation")
public interface ModerationConfig {

    /** Banned topics by name; the shipped defaults are in application.properties. */
    Map<String, TopicConfig> topics();

    /** How much every other topic's threshold drops once a special-care topic fires. */
    @WithDefault("0.05")
    double specialCareAdjustment();

    /**
     * Prompt engines, run in this order; the first that flags a topic blocks. {@code llm} is appended when
     * {@code heavyweight.moderation.llm.base-url} is set and it is not listed.
     */
    @WithDefault("lexicon,embedding")
    List<String> promptEngines();

    /** Longest prompt or negative prompt accepted, in Unicode code points. */
    @WithDefault("10000")
    int maxPromptLength();
}
