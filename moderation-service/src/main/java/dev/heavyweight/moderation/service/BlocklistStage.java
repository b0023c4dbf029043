package dev.heavyweight.moderation.service;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Blocks a prompt (or negative prompt) that contains a blocklisted word or phrase, however disguised. */
@Singleton
public class BlocklistStage implements PromptStage {

    public static final String NAME = "blocklist";

    private final Blocklist blocklist;

    BlocklistStage(Blocklist blocklist) {
        this.blocklist = blocklist;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<StageVerdict> check(PromptInput input) {
        return Uni.createFrom().item(() -> decide(input));
    }

    private StageVerdict decide(PromptInput input) {
        SortedSet<String> inPrompt = blocklist.categoriesIn(input.prompt());
        SortedSet<String> inNegative = blocklist.categoriesIn(input.negativePrompt());
        if (inPrompt.isEmpty() && inNegative.isEmpty()) {
            return StageVerdict.allow(NAME);
        }
        SortedSet<String> all = new TreeSet<>(inPrompt);
        all.addAll(inNegative);
        List<String> parts = new ArrayList<>(2);
        if (!inPrompt.isEmpty()) {
            parts.add("the prompt contains blocked terms (" + String.join(", ", inPrompt) + ")");
        }
        if (!inNegative.isEmpty()) {
            parts.add("the negative prompt contains blocked terms (" + String.join(", ", inNegative) + ")");
        }
        return StageVerdict.block(NAME, List.copyOf(all), capitalise(String.join("; ", parts)));
    }

    private static String capitalise(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
