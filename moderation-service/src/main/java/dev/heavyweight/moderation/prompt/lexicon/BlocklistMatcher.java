package dev.heavyweight.moderation.prompt.lexicon;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whole-word and whole-phrase matching of normalised text against per-category term lists. Terms go
 * through the same {@link PromptNormalizer} as prompts, so "Blow-Up" in the configuration matches
 * "blow up", "b.l.o.w u.p" and "blowup" in a prompt, and never "blower". Terms and prompt words are compared
 * by their stems ({@link WordStemmer}), so "бомба" matches "бомбу" and "murder" matches "murdered".
 */
public final class BlocklistMatcher {

    private record Term(String category, List<String> stems) {
    }

    private final Map<String, List<Term>> byFirstStem = new HashMap<>();
    /** Multi-word terms written as one token ("blowup"), as the chunk reading and spelt-out runs produce them. */
    private final Map<String, List<String>> categoriesByJoinedPhrase = new HashMap<>();
    private final Map<String, Set<UnicodeScript>> scriptsByCategory = new HashMap<>();
    private final int termCount;

    /** Terms whose normalised form is empty (pure punctuation) are dropped. */
    public BlocklistMatcher(Map<String, List<String>> termsByCategory, PromptNormalizer normalizer) {
        int count = 0;
        for (Map.Entry<String, List<String>> entry : termsByCategory.entrySet()) {
            String category = entry.getKey();
            for (String raw : entry.getValue()) {
                List<String> words = normalizer.words(raw);
                if (words.isEmpty()) {
                    continue;
                }
                Term term = new Term(category, words.stream().map(WordStemmer::stem).toList());
                words.forEach(word -> scriptsByCategory
                        .computeIfAbsent(category, c -> EnumSet.noneOf(UnicodeScript.class)).addAll(Scripts.in(word)));
                byFirstStem.computeIfAbsent(term.stems().get(0), w -> new ArrayList<>()).add(term);
                if (words.size() > 1) {
                    categoriesByJoinedPhrase.computeIfAbsent(WordStemmer.stem(String.join("", words)),
                            w -> new ArrayList<>()).add(category);
                }
                count++;
            }
        }
        this.termCount = count;
    }

    /** Whether {@code category} has at least one usable term. */
    public boolean covers(String category) {
        return scriptsByCategory.containsKey(category);
    }

    /** The scripts {@code category}'s terms are written in (Latin, Cyrillic); empty when it has none. */
    public Set<UnicodeScript> scriptsOf(String category) {
        return scriptsByCategory.getOrDefault(category, Set.of());
    }

    /** Number of usable terms across all categories. */
    public int termCount() {
        return termCount;
    }

    /** The categories with at least one term in any reading of {@code text}, sorted; empty when clean. */
    public SortedSet<String> categoriesIn(NormalizedText text) {
        SortedSet<String> found = new TreeSet<>();
        for (List<String> reading : text.readings()) {
            List<String> stems = reading.stream().map(WordStemmer::stem).toList();
            for (int i = 0; i < stems.size(); i++) {
                String stem = stems.get(i);
                for (Term term : byFirstStem.getOrDefault(stem, List.of())) {
                    if (matchesAt(stems, i, term.stems())) {
                        found.add(term.category());
                    }
                }
                found.addAll(categoriesByJoinedPhrase.getOrDefault(stem, List.of()));
            }
        }
        return found;
    }

    private static boolean matchesAt(List<String> stems, int start, List<String> term) {
        return start + term.size() <= stems.size() && stems.subList(start, start + term.size()).equals(term);
    }
}
