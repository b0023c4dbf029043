package dev.heavyweight.emulator.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The packaged ONNX model, loaded as the emulator loads it, reproduces the original tfjs model's outputs. */
class SafetyModelGoldenTest {

    private static final float TOLERANCE = 1e-3f;
    private static SafetyClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = SafetyClassifier.load(Optional.empty(), 1);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void everyGoldenImageGetsTheTfjsProbabilitiesOnEveryClass() {
        List<GoldenImages.Golden> images = GoldenImages.all();
        assertThat(images).hasSizeGreaterThanOrEqualTo(6);

        for (GoldenImages.Golden golden : images) {
            float[] probabilities = classifier.classify(golden.rgb());

            assertThat(probabilities).as(golden.name()).hasSize(SafetyModel.CLASSES.size());
            for (int i = 0; i < probabilities.length; i++) {
                assertThat(probabilities[i]).as("%s, class %s", golden.name(), SafetyModel.CLASSES.get(i))
                        .isCloseTo(golden.probabilities()[i], within(TOLERANCE));
            }
        }
    }

    @Test
    void goldenImagesAreNotAllOfOneClass() {
        long distinctTopClasses = GoldenImages.all().stream().map(g -> top(g.probabilities())).distinct().count();

        assertThat(distinctTopClasses).as("the vectors exercise more than one class").isGreaterThan(1);
    }

    @Test
    void classesAreTheModelsLabelsInOrder() throws IOException {
        assertThat(resource("/models/nsfw_mobilenet_v2/labels.txt").lines().toList())
                .containsExactlyElementsOf(SafetyModel.CLASSES);
        assertThat(GoldenImages.file().get("classes")).extracting(n -> n.asText())
                .containsExactlyElementsOf(SafetyModel.CLASSES);
    }

    @Test
    void packagedModelMatchesTheCommittedChecksum() throws Exception {
        byte[] model;
        try (InputStream in = getClass().getResourceAsStream(SafetyModel.RESOURCE)) {
            model = in.readAllBytes();
        }
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));

        assertThat(resource("/models/nsfw_mobilenet_v2/SHA256SUMS")).isEqualTo(sha256 + "  1/model.onnx\n");
    }

    private static int top(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            best = probabilities[i] > probabilities[best] ? i : best;
        }
        return best;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SafetyModelGoldenTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
