package dev.heavyweight.moderation.prompt.lexicon;

import dev.heavyweight.moderation.topics.Topics;
import jakarta.inject.Singleton;
import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** The topics' lexicon terms, normalised once at startup. */
@Singleton
public class Blocklist {

    private static final Logger LOG = Logger.getLogger(Blocklist.class);

    private final PromptNormalizer normalizer;
    private final BlocklistMatcher matcher;
    private final int categoryCount;

    Blocklist(Topics topics, PromptNormalizer normalizer) {
        this.normalizer = normalizer;
        Map<String, List<String>> usable = new TreeMap<>();
        topics.all().forEach(topic -> {
            String category = topic.name();
            List<String> terms = topic.terms();
            if (terms.isEmpty()) {
                return;
            }
            List<String> kept = terms.stream().filter(t -> !normalizer.words(t).isEmpty()).toList();
            if (kept.isEmpty()) {
                LOG.warnf("lexicon terms of topic %s are all unusable and ignored", category);
            } else {
                usable.put(category, kept);
            }
        });
        this.matcher = new BlocklistMatcher(usable, normalizer);
        this.categoryCount = usable.size();
        LOG.infof("lexicon loaded: %d topics, %d terms", categoryCount, matcher.termCount());
    }

    /** Categories with at least one usable term. */
    public int categoryCount() {
        return categoryCount;
    }

    public int termCount() {
        return matcher.termCount();
    }

    /** Whether {@code topic} has usable terms. */
    public boolean covers(String topic) {
        return matcher.covers(topic);
    }

    /** The scripts {@code topic}'s terms are written in. */
    public Set<UnicodeScript> scriptsOf(String topic) {
        return matcher.scriptsOf(topic);
    }

    /** {@code text} normalised the way the blocklist reads it. */
    public NormalizedText normalize(String text) {
        return normalizer.normalize(text);
    }

    /** The blocked categories {@code text} falls into, sorted; empty when it is clean. */
    public SortedSet<String> categoriesIn(NormalizedText text) {
        return matcher.categoriesIn(text);
    }

    /** The blocked categories {@code text} falls into, sorted; empty when it is clean. */
    public SortedSet<String> categoriesIn(String text) {
        return matcher.categoriesIn(normalizer.normalize(text));
    }
}
