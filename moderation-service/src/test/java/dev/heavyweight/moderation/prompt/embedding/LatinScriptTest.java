package dev.heavyweight.moderation.prompt.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatinScriptTest {

    @Test
    void englishIsLatin() {
        assertThat(LatinScript.share("a killer whale, 8k, masterpiece")).isEqualTo(1.0);
    }

    @Test
    void russianIsNotLatinEvenWithEnglishTags() {
        assertThat(LatinScript.share("голая женщина на кровати, nsfw")).isLessThan(0.5);
    }

    @Test
    void mostlyEnglishWithOneRussianWordIsLatin() {
        assertThat(LatinScript.share("a portrait of a cosmonaut, космонавт")).isGreaterThan(0.5);
    }

    @Test
    void noLettersCountsAsLatin() {
        assertThat(LatinScript.share("1234 !!! 🙂")).isEqualTo(1.0);
    }
}
