package dev.heavyweight.moderation.prompt.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptNormalizerTest {

    private final PromptNormalizer normalizer = new PromptNormalizer();

    @ParameterizedTest
    @ValueSource(strings = {"kill", "KiLL", "ＫＩＬＬ", "k.i.l.l", "k-i-l-l", "k_i_l_l", "k i l l", "k/i\\l|l",
            "кіll", "κιll", "kíll", "k\u200Bi\u200Bl\u200Bl", "k\u00ADill", "k1ll", "ⓚⓘⓛⓛ", "𝐤𝐢𝐥𝐥"})
    void disguisedWordsReadAsTheWord(String disguised) {
        assertThat(normalizer.words(disguised)).containsExactly("kill");
    }

    @Test
    void ordinaryWordsKeepTheirBoundaries() {
        assertThat(normalizer.words("A skilled worker, well-known for skillet cooking."))
                .containsExactly("a", "skilled", "worker", "well", "known", "for", "skillet", "cooking");
    }

    @Test
    void accentsAreRemovedWithoutJoiningWords() {
        assertThat(normalizer.words("Naïve café crème brûlée")).containsExactly("naive", "cafe", "creme", "brulee");
    }

    @Test
    void leetspeakIsReadOnlyInsideWords() {
        assertThat(normalizer.words("h3ll0 w0rld in 2024, pr1c3 $5")).containsExactly("hello", "world", "in", "2024",
                "price", "$5");
        assertThat(normalizer.words("$ex @ss")).containsExactly("sex", "ass");
    }

    @Test
    void loneSymbolsAreNotWords() {
        assertThat(normalizer.words("meet @ noon $ now")).containsExactly("meet", "noon", "now");
    }

    @Test
    void spreadLettersNextToWholeWordsStayApart() {
        assertThat(normalizer.words("plan b for kill")).containsExactly("plan", "b", "for", "kill");
        assertThat(normalizer.words("s.k.i.l.l")).containsExactly("skill");
    }

    @Test
    void chunkReadingRemovesPunctuationInsideWhitespaceDelimitedChunks() {
        NormalizedText text = normalizer.normalize("ki.ll well-known s.k.i.l.l");
        assertThat(text.chunks()).containsExactly("kill", "wellknown", "skill");
        assertThat(text.words()).containsExactly("ki", "ll", "well", "known", "skill");
    }

    @Test
    void fullWidthSpacesSeparateWords() {
        assertThat(normalizer.words("Ｈｅｌｌｏ\u3000Ｗｏｒｌｄ")).containsExactly("hello", "world");
        assertThat(normalizer.normalize("Ｈｅｌｌｏ\u3000Ｗｏｒｌｄ").chunks()).containsExactly("hello", "world");
    }

    @ParameterizedTest
    @ValueSource(strings = {"убийство", "УБИЙСТВО", "yбийcтвo", "у6ийств0", "у б и й с т в о", "у.б.и.й.с.т.в.о",
            "у\u200Bбийство", "у\u0301бийство", "ｙбийство"})
    void disguisedRussianWordsReadAsTheWord(String disguised) {
        assertThat(normalizer.words(disguised)).containsExactly("убийство");
    }

    @Test
    void shortIKeepsItsBreveAndYoReadsAsYe() {
        assertThat(normalizer.words("бойня ёлка")).containsExactly("бойня", "елка");
    }

    @Test
    void latinWordsAreAlsoReadAsTransliteratedRussian() {
        NormalizedText text = normalizer.normalize("ubiystvo narkotiki shchuka");
        assertThat(text.transliterated()).contains(List.of("убийство", "наркотики", "щука"));
        assertThat(normalizer.normalize("убийство").transliterated()).isEmpty();
    }

    @Test
    void scriptsOfTheResolvedLettersAreReported() {
        assertThat(normalizer.normalize("кіll him").scripts()).containsExactly(Character.UnicodeScript.LATIN);
        assertThat(normalizer.normalize("фото cat").scripts()).containsExactlyInAnyOrder(
                Character.UnicodeScript.LATIN, Character.UnicodeScript.CYRILLIC);
        assertThat(normalizer.normalize("猫 2024").scripts()).containsExactly(Character.UnicodeScript.HAN);
    }

    @Test
    void emptyAndPunctuationOnlyTextHasNoWords() {
        assertThat(normalizer.words("")).isEmpty();
        assertThat(normalizer.words(" ...!!! -- ")).isEmpty();
    }
}
