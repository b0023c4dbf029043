package dev.heavyweight.moderation.prompt.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlocklistMatcherTest {

    private final PromptNormalizer normalizer = new PromptNormalizer();
    private final BlocklistMatcher matcher = new BlocklistMatcher(Map.of(
            "violence", List.of("kill", "Blow-Up"),
            "sexual", List.of("nude"),
            "self_harm", List.of("hurt myself"),
            "empty", List.of("...", " ")), normalizer);

    private List<String> categories(String prompt) {
        return List.copyOf(matcher.categoriesIn(normalizer.normalize(prompt)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill the dragon", "K.I.L.L the dragon", "k-i-l-l", "k_i_l_l", "k i l l it",
            "ＫＩＬＬ", "KiLL", "кіll him", "kíll", "k\u200Bill", "k1ll", "ki.ll", "how to kill.", "(kill)",
            "dragon-kill", "kills", "killed", "k i l l i n g"})
    void disguisedTermIsFound(String prompt) {
        assertThat(categories(prompt)).containsExactly("violence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"skill", "skillet", "killdeer", "skilled painter", "overkill", "a s.k.i.l.l demo",
            "Kíllarney lakes", "skíllet", "s-k-i-l-l-e-t", "a lighthouse at dawn, watercolor",
            "naïve café in Zürich", "crème brûlée", "blow upon the embers", "a blower", "nudelsuppe", ""})
    void innocentTextIsNotMatched(String prompt) {
        assertThat(categories(prompt)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blow up the bridge", "BLOW UP", "blow-up", "blowup", "b.l.o.w u.p", "b l o w u p",
            "they blow   up"})
    void multiWordTermIsFoundAsPhrase(String prompt) {
        assertThat(categories(prompt)).containsExactly("violence");
    }

    @Test
    void phraseWordsMustBeAdjacentAndInOrder() {
        assertThat(categories("blow the candles up")).isEmpty();
        assertThat(categories("up blow")).isEmpty();
        assertThat(categories("I hurt myself")).containsExactly("self_harm");
        assertThat(categories("myself hurt")).isEmpty();
    }

    @Test
    void everyMatchingCategoryIsReportedSorted() {
        assertThat(categories("nude and k.i.l.l")).containsExactly("sexual", "violence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"бомба", "бомбу", "бомбы", "бомбой", "b0mbu", "bomba", "б о м б у", "бoмбy"})
    void russianTermIsFoundInflectedTransliteratedAndDisguised(String prompt) {
        BlocklistMatcher russian = new BlocklistMatcher(Map.of("weapons", List.of("бомба")), normalizer);
        assertThat(russian.categoriesIn(normalizer.normalize(prompt))).containsExactly("weapons");
    }

    @Test
    void termScriptsAreReported() {
        BlocklistMatcher mixed = new BlocklistMatcher(Map.of("drugs", List.of("cocaine", "кокаин")), normalizer);
        assertThat(mixed.scriptsOf("drugs")).containsExactlyInAnyOrder(Character.UnicodeScript.LATIN,
                Character.UnicodeScript.CYRILLIC);
        assertThat(matcher.scriptsOf("violence")).containsExactly(Character.UnicodeScript.LATIN);
        assertThat(matcher.scriptsOf("unknown")).isEmpty();
    }

    @Test
    void termsMadeOfPunctuationAreIgnored() {
        assertThat(matcher.termCount()).isEqualTo(4);
        assertThat(categories("... ")).isEmpty();
    }
}
