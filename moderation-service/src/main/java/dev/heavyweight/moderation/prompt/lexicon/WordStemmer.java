package dev.heavyweight.moderation.prompt.lexicon;

import java.lang.Character.UnicodeScript;
import java.util.Set;
import org.apache.lucene.analysis.ru.RussianLightStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Reduces a normalised word to its stem with Lucene's stemmers, so inflected forms of a term match it:
 * Russian words with {@link RussianLightStemmer} ("убийство", "убийства", "убийством" → "убийств"), which strips
 * case and number endings only and so keeps unrelated words apart better than the aggressive Snowball Russian
 * stemmer; Latin words with Snowball's English (Porter2) stemmer ("murders", "murdered" → "murder"), because the
 * minimal English stemmer only undoes plurals. Words shorter than {@value #MIN_STEMMED} letters are kept whole:
 * stemming "ied" or "кот" would make them collide with unrelated short words.
 */
final class WordStemmer {

    static final int MIN_STEMMED = 5;

    /**
     * Words kept whole, as Lucene's keyword marker would, because their stem is a banned term's stem though the
     * word is harmless ("heroine" → "heroin", "героиня" → "героин").
     */
    private static final Set<String> PROTECTED = Set.of("heroine", "heroines", "героиня", "героини", "героиню",
            "героиней", "героине", "героинь", "героиням", "героинями", "героинях");

    private WordStemmer() {
    }

    static String stem(String word) {
        if (word.codePointCount(0, word.length()) < MIN_STEMMED || PROTECTED.contains(word)) {
            return word;
        }
        UnicodeScript script = Scripts.of(word);
        if (script == UnicodeScript.CYRILLIC) {
            char[] chars = word.toCharArray();
            return new String(chars, 0, new RussianLightStemmer().stem(chars, chars.length));
        }
        if (script == UnicodeScript.LATIN) {
            EnglishStemmer stemmer = new EnglishStemmer();
            stemmer.setCurrent(word);
            stemmer.stem();
            return stemmer.getCurrent();
        }
        return word;
    }
}
