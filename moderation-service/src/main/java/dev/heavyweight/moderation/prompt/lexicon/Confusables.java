package dev.heavyweight.moderation.prompt.lexicon;

import java.util.Map;

/**
 * Maps look-alike letters and symbols onto the letters they imitate, so a banned word typed with look-alikes
 * from another script, or in leetspeak, reads as the word it imitates. Which way a Latin/Cyrillic look-alike
 * goes depends on the word it sits in: Cyrillic letters inside a mostly Latin word read as Latin ("кіll" →
 * "kill"), Latin letters and digits inside a mostly Cyrillic word read as Cyrillic ("yбийcтвo", "у6ийство" →
 * "убийство").
 */
final class Confusables {

    private static final Map<Integer, Integer> CYRILLIC_TO_LATIN = Map.ofEntries(
            Map.entry((int) 'а', (int) 'a'), Map.entry((int) 'е', (int) 'e'), Map.entry((int) 'о', (int) 'o'),
            Map.entry((int) 'р', (int) 'p'), Map.entry((int) 'с', (int) 'c'), Map.entry((int) 'у', (int) 'y'),
            Map.entry((int) 'х', (int) 'x'), Map.entry((int) 'і', (int) 'i'), Map.entry((int) 'ѕ', (int) 's'),
            Map.entry((int) 'к', (int) 'k'), Map.entry((int) 'м', (int) 'm'), Map.entry((int) 'т', (int) 't'),
            Map.entry((int) 'в', (int) 'b'), Map.entry((int) 'н', (int) 'h'), Map.entry((int) 'ј', (int) 'j'),
            Map.entry((int) 'ԁ', (int) 'd'), Map.entry((int) 'ӏ', (int) 'l'), Map.entry((int) 'ԛ', (int) 'q'),
            Map.entry((int) 'ԝ', (int) 'w'));

    private static final Map<Integer, Integer> LATIN_TO_CYRILLIC = Map.ofEntries(
            Map.entry((int) 'a', (int) 'а'), Map.entry((int) 'e', (int) 'е'), Map.entry((int) 'o', (int) 'о'),
            Map.entry((int) 'p', (int) 'р'), Map.entry((int) 'c', (int) 'с'), Map.entry((int) 'y', (int) 'у'),
            Map.entry((int) 'x', (int) 'х'), Map.entry((int) 'k', (int) 'к'), Map.entry((int) 'm', (int) 'м'),
            Map.entry((int) 't', (int) 'т'), Map.entry((int) 'b', (int) 'в'), Map.entry((int) 'h', (int) 'н'),
            Map.entry((int) 'i', (int) 'и'), Map.entry((int) 'u', (int) 'и'), Map.entry((int) 'n', (int) 'п'),
            Map.entry((int) 'r', (int) 'г'),
            // leetspeak inside Cyrillic words
            Map.entry((int) '0', (int) 'о'), Map.entry((int) '3', (int) 'з'), Map.entry((int) '4', (int) 'ч'),
            Map.entry((int) '6', (int) 'б'), Map.entry((int) '1', (int) 'и'), Map.entry((int) '@', (int) 'а'));

    private static final Map<Integer, Integer> LOOK_ALIKES = Map.ofEntries(
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

    /** The Latin letter a Greek or undecomposable Latin {@code codePoint} imitates, or {@code codePoint} itself. */
    static int lookAlike(int codePoint) {
        return LOOK_ALIKES.getOrDefault(codePoint, codePoint);
    }

    /** {@code token} in one script: the script most of its letters are in (Latin on a tie), leet read. */
    static String resolveScript(String token) {
        StringBuilder out = new StringBuilder(token.length());
        if (Scripts.of(token) == Character.UnicodeScript.CYRILLIC) {
            token.codePoints().forEach(cp -> out.appendCodePoint(LATIN_TO_CYRILLIC.getOrDefault(cp, cp)));
            return out.toString();
        }
        token.codePoints().forEach(cp -> out.appendCodePoint(CYRILLIC_TO_LATIN.getOrDefault(cp, cp)));
        return leet(out.toString());
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
