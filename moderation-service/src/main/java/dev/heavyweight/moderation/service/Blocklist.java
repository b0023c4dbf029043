package dev.heavyweight.moderation.service;

import dev.heavyweight.moderation.config.ModerationConfig;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** The configured blocklist, normalised once at startup. */
@Singleton
public class Blocklist {

    private static final Logger LOG = Logger.getLogger(Blocklist.class);

    private final PromptNormalizer normalizer;
    private final BlocklistMatcher matcher;
    private final int categoryCount;

    Blocklist(ModerationConfig config, PromptNormalizer normalizer) {
        this.normalizer = normalizer;
        Map<String, List<String>> usable = new TreeMap<>();
        config.blocklist().forEach((category, terms) -> {
            List<String> kept = terms.stream().filter(t -> !normalizer.words(t).isEmpty()).toList();
            if (kept.isEmpty()) {
                LOG.warnf("blocklist category %s has no usable terms and is ignored", category);
            } else {
                usable.put(category, kept);
            }
        });
        this.matcher = new BlocklistMatcher(usable, normalizer);
        this.categoryCount = usable.size();
        LOG.infof("blocklist loaded: %d categories, %d terms", categoryCount, matcher.termCount());
    }

    /** Categories with at least one usable term. */
    public int categoryCount() {
        return categoryCount;
    }

    public int termCount() {
        return matcher.termCount();
    }

    /** The blocked categories {@code text} falls into, sorted; empty when it is clean. */
    public SortedSet<String> categoriesIn(String text) {
        return matcher.categoriesIn(normalizer.normalize(text));
    }
}
