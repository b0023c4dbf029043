package dev.heavyweight.moderation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** How prompts are moderated. */
@ConfigMapping(prefix = "heavyweight.moderation")
public interface ModerationConfig {

    /** Blocked terms per category ({@code heavyweight.moderation.blocklist.<category>=term,term}); defaults in application.properties. */
    Map<String, List<String>> blocklist();

    /** Prompt stages, run in this order; the first one that blocks decides. */
    @WithDefault("blocklist")
    List<String> promptStages();

    /** Longest prompt or negative prompt accepted, in Unicode code points. */
    @WithDefault("10000")
    int maxPromptLength();
}
