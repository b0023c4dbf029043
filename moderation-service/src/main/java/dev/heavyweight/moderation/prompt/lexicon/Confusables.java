package dev.heavyweight.moderation.prompt.lexicon;

import java.util.Map;

/**
 * Maps lower-case letters and symbols that look like Latin letters onto those letters, so a banned word
 * typed with Cyrillic or Greek look-alikes, or in leetspeak, reads as the word it imitates.
 */
final class Confusables {

    private static final Map<Integer, Integer> LOOK_ALIKES = Map.ofEntries(
            // Cyrillic
            Map.entry((int) 'а', (int) 'a'), Map.entry((int) 'е', (int) 'e'), Map.entry((int) 'о', (int) 'o'),
            Map.entry((int) 'р', (int) 'p'), Map.entry((int) 'с', (int) 'c'), Map.entry((int) 'у', (int) 'y'),
            Map.entry((int) 'х', (int) 'x'), Map.entry((int) 'і', (int) 'i'), Map.entry((int) 'ѕ', (int) 's'),
            Map.entry((int) 'к', (int) 'k'), Map.entry((int) 'м', (int) 'm'), Map.entry((int) 'т', (int) 't'),
            Map.entry((int) 'в', (int) 'b'), Map.entry((int) 'н', (int) 'h'), Map.entry((int) 'ј', (int) 'j'),
            Map.entry((int) 'ԁ', (int) 'd'), Map.entry((int) 'ӏ', (int) 'l'), Map.entry((int) 'ԛ', (int) 'q'),
            Map.entry((int) 'ԝ', (int) 'w'),
            // Greek
            Map.entry((int) 'α', (int) 'a'), Map.entry((int) 'ε', (int) 'e'), Map.entry((int) 'ο', (int) 'o'),
            Map.entry((int) 'ρ', (int) 'p'), Map.entry((int) 'τ', (int) 't'), Map.entry((int) 'κ', (int) 'k'),
            Map.entry((int) 'ν', (int) 'v'), Map.entry((int) 'ι', (int) 'i'), Map.entry((int) 'υ', (int) 'u'),
            Map.entry((int) 'χ', (int) 'x'),
            // Latin letters without a decomposition, so NFD cannot strip them to their base letter
            Map.entry((int) 'ı', (int) 'i'), Map.entry((int) 'ł', (int) 'l'), Map.entry((int) 'ø', (int) 'o'),
            Map.entry((int) 'đ', (int) 'd'), Map.entry((int) 'ħ', (int) 'h'));

    private static final Map<Integer, Integer> LEET = Map.of(
            (int) '0', (int) 'o', (int) '1', (int) 'i', (int) '3', (int) 'e', (int) '4', (int) 'a',
            (int) '5', (int) 's', (int) '7', (int) 't', (int) '@', (int) 'a', (int) '$', (int) 's');

    private Confusables() {
    }

    /** The Latin letter {@code codePoint} imitates, or {@code codePoint} itself. */
    static int lookAlike(int codePoint) {
        return LOOK_ALIKES.getOrDefault(codePoint, codePoint);
    }

    /** True for the symbols that count as letters inside a word ("$", "@"). */
    static boolean isLeetSymbol(int codePoint) {
        return codePoint == '@' || codePoint == '$';
    }

    /** Reads digits and symbols as letters, but only in a token that has a letter: "2024" stays a number. */
    static String leet(String token) {
        if (token.codePoints().noneMatch(Character::isLetter)) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        token.codePoints().forEach(cp -> out.appendCodePoint(LEET.getOrDefault(cp, cp)));
        return out.toString();
    }
}
