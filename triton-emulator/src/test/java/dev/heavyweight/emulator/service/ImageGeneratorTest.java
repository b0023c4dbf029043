package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.tensor.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageGeneratorTest {

    private final ImageGenerator generator = new ImageGenerator();

    @Test
    void sameInputsGiveIdenticalBytes() {
        RgbImage first = generator.render("a lighthouse at dusk", "fog", 42, 512, 512);
        RgbImage second = generator.render("a lighthouse at dusk", "fog", 42, 512, 512);

        assertThat(second.rgb()).isEqualTo(first.rgb());
    }

    @Test
    void imageHasRequestedSize() {
        RgbImage image = generator.render("a wide field", "", 7, 768, 320);

        assertThat(image.width()).isEqualTo(768);
        assertThat(image.height()).isEqualTo(320);
        assertThat(image.rgb()).hasSize(768 * 320 * 3);
    }

    @Test
    void differentPromptsGiveVisiblyDifferentImages() {
        RgbImage cat = generator.render("a cat", "", 0, 256, 256);
        RgbImage dog = generator.render("a dog", "", 0, 256, 256);

        assertThat(meanAbsoluteDifference(cat, dog)).isGreaterThan(20);
    }

    @Test
    void seedAndNegativePromptChangeTheImage() {
        RgbImage base = generator.render("a cat", "", 0, 256, 256);

        assertThat(meanAbsoluteDifference(base, generator.render("a cat", "", 1, 256, 256))).isGreaterThan(20);
        assertThat(meanAbsoluteDifference(base, generator.render("a cat", "blurry", 0, 256, 256))).isGreaterThan(20);
    }

    @Test
    void promptAndNegativePromptDoNotBleedIntoEachOther() {
        RgbImage split = generator.render("ab", "c", 0, 64, 64);
        RgbImage shifted = generator.render("a", "bc", 0, 64, 64);

        assertThat(split.rgb()).isNotEqualTo(shifted.rgb());
    }

    @Test
    void imageIsNotFlat() {
        RgbImage image = generator.render("a mountain", "", 3, 512, 512);

        assertThat(image.rgb()).hasSizeGreaterThan(0);
        long distinctColors = java.util.stream.IntStream.range(0, 512 * 512)
                .map(i -> image.pixel(i % 512, i / 512)).distinct().count();
        assertThat(distinctColors).isGreaterThan(100);
    }

    @Test
    void rendersLargestSdxlSize() {
        RgbImage image = generator.render("a castle", "", 9, 1536, 1536);

        assertThat(image.rgb()).hasSize(1536 * 1536 * 3);
    }

    @Test
    void rejectsEmptySize() {
        assertThatThrownBy(() -> generator.render("x", "", 0, 0, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
        }
        return (double) sum / a.rgb().length;
    }
}
