package dev.heavyweight.moderation.prompt.lexicon;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Set;

/** The writing systems of the letters in a text; digits, symbols and combining marks belong to none. */
final class Scripts {

    private Scripts() {
    }

    /** Every script with at least one letter in {@code text}. */
    static Set<UnicodeScript> in(String text) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        text.codePoints().filter(Character::isLetter).mapToObj(UnicodeScript::of)
                .filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED)
                .forEach(scripts::add);
        return scripts;
    }

    /** The script most letters of {@code word} are in, Latin on a tie; COMMON when it has no letters. */
    static UnicodeScript of(String word) {
        long cyrillic = word.codePoints().filter(cp -> UnicodeScript.of(cp) == UnicodeScript.CYRILLIC).count();
        long latin = word.codePoints().filter(cp -> UnicodeScript.of(cp) == UnicodeScript.LATIN).count();
        if (cyrillic == 0 && latin == 0) {
            Set<UnicodeScript> other = in(word);
            return other.isEmpty() ? UnicodeScript.COMMON : other.iterator().next();
        }
        return cyrillic > latin ? UnicodeScript.CYRILLIC : UnicodeScript.LATIN;
    }
}
