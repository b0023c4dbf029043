package dev.heavyweight.moderation.prompt.lexicon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whole-word and whole-phrase matching of normalised text against per-category term lists. Terms go
 * through the same {@link PromptNormalizer} as prompts, so "Blow-Up" in the configuration matches
 * "blow up", "b.l.o.w u.p" and "blowup" in a prompt, and never "blower".
 */
public final class BlocklistMatcher {

    private record Term(String category, List<String> words) {
    }

    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    /** Multi-word terms written as one token ("blowup"), as the chunk reading and spelt-out runs produce them. */
    private final Map<String, List<String>> categoriesByJoinedPhrase = new HashMap<>();
    private final int termCount;
    private final java.util.Set<String> categories = new java.util.HashSet<>();

    /** Terms whose normalised form is empty (pure punctuation) are dropped. */
    public BlocklistMatcher(Map<String, List<String>> termsByCategory, PromptNormalizer normalizer) {
        int count = 0;
        for (Map.Entry<String, List<String>> entry : termsByCategory.entrySet()) {
            for (String raw : entry.getValue()) {
                List<String> words = normalizer.words(raw);
                if (words.isEmpty()) {
                    continue;
                }
                Term term = new Term(entry.getKey(), words);
                categories.add(entry.getKey());
                byFirstWord.computeIfAbsent(words.get(0), w -> new ArrayList<>()).add(term);
                if (words.size() > 1) {
                    categoriesByJoinedPhrase.computeIfAbsent(String.join("", words), w -> new ArrayList<>())
                            .add(entry.getKey());
                }
                count++;
            }
        }
        this.termCount = count;
    }

    /** Number of usable terms across all categories. */
    /** Whether {@code category} has at least one usable term. */
    public boolean covers(String category) {
        return categories.contains(category);
    }

    public int termCount() {
        return termCount;
    }

    /** The categories with at least one term in any reading of {@code text}, sorted; empty when clean. */
    public SortedSet<String> categoriesIn(NormalizedText text) {
        SortedSet<String> found = new TreeSet<>();
        for (List<String> tokens : text.readings()) {
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                for (Term term : byFirstWord.getOrDefault(token, List.of())) {
                    if (matchesAt(tokens, i, term.words())) {
                        found.add(term.category());
                    }
                }
                found.addAll(categoriesByJoinedPhrase.getOrDefault(token, List.of()));
            }
        }
        return found;
    }

    private static boolean matchesAt(List<String> tokens, int start, List<String> words) {
        return start + words.size() <= tokens.size() && tokens.subList(start, start + words.size()).equals(words);
    }
}
