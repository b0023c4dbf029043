package dev.heavyweight.moderation.prompt.lexicon;

import java.util.List;
import java.util.Map;

/**
 * Reads a Latin word as Russian written in Latin letters ("ubiystvo" → "убийство", "narkotiki" → "наркотики"),
 * covering the common informal and passport-style spellings: digraphs first, then single letters; "y" is "й"
 * after a vowel and "ы" elsewhere.
 */
final class Transliteration {

    private static final List<Map.Entry<String, String>> DIGRAPHS = List.of(
            Map.entry("shch", "щ"), Map.entry("sch", "щ"), Map.entry("zh", "ж"), Map.entry("kh", "х"),
            Map.entry("ch", "ч"), Map.entry("sh", "ш"), Map.entry("ts", "ц"), Map.entry("tz", "ц"),
            Map.entry("yu", "ю"), Map.entry("ju", "ю"), Map.entry("ya", "я"), Map.entry("ja", "я"),
            Map.entry("yo", "е"), Map.entry("jo", "е"), Map.entry("ye", "е"), Map.entry("ks", "кс"));

    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('a', "а"), Map.entry('b', "б"), Map.entry('v', "в"), Map.entry('g', "г"), Map.entry('d', "д"),
            Map.entry('e', "е"), Map.entry('z', "з"), Map.entry('i', "и"), Map.entry('j', "й"), Map.entry('k', "к"),
            Map.entry('l', "л"), Map.entry('m', "м"), Map.entry('n', "н"), Map.entry('o', "о"), Map.entry('p', "п"),
            Map.entry('r', "р"), Map.entry('s', "с"), Map.entry('t', "т"), Map.entry('u', "у"), Map.entry('f', "ф"),
            Map.entry('h', "х"), Map.entry('c', "ц"), Map.entry('w', "в"), Map.entry('q', "к"), Map.entry('x', "кс"));

    private static final String VOWELS = "aeiou";

    private Transliteration() {
    }

    /** The Cyrillic reading of an all-lower-case ASCII word, or null when {@code word} is anything else. */
    static String toCyrillic(String word) {
        if (word.isEmpty() || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return null;
        }
        StringBuilder out = new StringBuilder(word.length());
        int i = 0;
        outer:
        while (i < word.length()) {
            for (Map.Entry<String, String> digraph : DIGRAPHS) {
                if (word.startsWith(digraph.getKey(), i)) {
                    out.append(digraph.getValue());
                    i += digraph.getKey().length();
                    continue outer;
                }
            }
            char c = word.charAt(i);
            if (c == 'y') {
                out.append(i > 0 && VOWELS.indexOf(word.charAt(i - 1)) >= 0 ? "й" : "ы");
            } else {
                out.append(LETTERS.get(c));
            }
            i++;
        }
        return out.toString();
    }
}
