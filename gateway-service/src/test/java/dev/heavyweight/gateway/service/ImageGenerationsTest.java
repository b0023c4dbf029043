package dev.heavyweight.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageGenerationsTest {

    @Test
    void eachImageGetsAKeyOfItsOwnThatStaysWithinTheLimit() {
        assertThat(ImageGenerations.derived("req-1", 0)).isEqualTo("req-1#0");
        assertThat(ImageGenerations.derived("req-1", 3)).isEqualTo("req-1#3");
        String longKey = "k".repeat(255);
        assertThat(ImageGenerations.derived(longKey, 2)).hasSizeLessThanOrEqualTo(255).endsWith("#2")
                .isEqualTo(ImageGenerations.derived(longKey, 2)).isNotEqualTo(ImageGenerations.derived(longKey, 1));
    }
}
