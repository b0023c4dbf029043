package dev.heavyweight.moderation.prompt.lexicon;

import dev.heavyweight.moderation.prompt.PromptEngine;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.topics.Assessment;
import dev.heavyweight.moderation.topics.EngineResult;
import dev.heavyweight.moderation.topics.Topic;
import dev.heavyweight.moderation.topics.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;

/**
 * Engine {@code lexicon}: a topic whose terms occur in the prompt, however disguised, scores 1; one with terms
 * that do not occur scores 0, but only when every letter of the prompt is in a script the topic has terms in
 * (a Chinese prompt, or a Cyrillic one for a topic with English terms only, is not judged: absence of English
 * words proves nothing). A topic without terms is not assessed by this engine.
 */
@Singleton
public class LexiconEngine implements PromptEngine {

    public static final String NAME = "lexicon";

    private final Blocklist blocklist;
    private final Topics topics;

    LexiconEngine(Blocklist blocklist, Topics topics) {
        this.blocklist = blocklist;
        this.topics = topics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<EngineResult> assess(PromptInput input) {
        return Uni.createFrom().item(() -> {
            NormalizedText text = blocklist.normalize(input.prompt());
            SortedSet<String> hits = blocklist.categoriesIn(text);
            Map<String, Assessment> scores = new HashMap<>();
            for (Topic topic : topics.all()) {
                if (hits.contains(topic.name())) {
                    scores.put(topic.name(), Assessment.of(1));
                } else if (blocklist.covers(topic.name())
                        && blocklist.scriptsOf(topic.name()).containsAll(text.scripts())) {
                    scores.put(topic.name(), Assessment.of(0));
                }
            }
            return new EngineResult(NAME, scores, hits.isEmpty() ? "" : "The prompt contains blocked terms");
        });
    }
}
