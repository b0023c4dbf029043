package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.tensor.RgbImage;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's stand-in pictures must pass the default image thresholds (sexual = Porn + Hentai + 0.5·Sexy
 * below 0.5), or every end-to-end test that expects a SUCCEEDED task would fail on an unlucky prompt. Checked
 * over many prompts and seeds with the real classifier.
 */
class EmulatorImagesSafetyTest {

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
    void emulatedPicturesStayBelowTheDefaultSexualThreshold() {
        ImageGenerator generator = new ImageGenerator();
        double worst = 0;
        String worstCase = "";
        int count = 0;
        int[][] sizes = {{512, 512}, {256, 256}, {384, 256}, {768, 320}, {1024, 1024}};
        String[] prompts = {"a red fox in fresh snow", "a lighthouse on a cliff at dawn, oil painting",
            "portrait of a woman on a beach", "a bowl of peaches", "sunset over the desert"};
        for (int p = 0; p < 60; p++) {
            for (long seed = 0; seed < 5; seed++) {
                int[] size = sizes[(int) ((p + seed) % sizes.length)];
                String prompt = prompts[p % prompts.length] + " #" + p;
                RgbImage image = generator.render(prompt, "", seed, size[0], size[1]);
                float[] probabilities = classifier.classify(resize(image));
                double sexual = Math.min(1, probabilities[3] + probabilities[1] + 0.5 * probabilities[4]);
                count++;
                if (sexual > worst) {
                    worst = sexual;
                    worstCase = prompt + " / seed " + seed + " / " + size[0] + "x" + size[1];
                }
            }
        }
        System.out.printf("emulator images: %d checked, worst sexual score %.4f (%s)%n", count, worst, worstCase);
        assertThat(worst).as("worst sexual score, at %s", worstCase).isLessThan(0.5);
    }

    private static byte[] resize(RgbImage image) {
        BufferedImage source = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int i = (y * image.width() + x) * 3;
                source.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        BufferedImage target = new BufferedImage(SafetyModel.SIZE, SafetyModel.SIZE, BufferedImage.TYPE_INT_RGB);
        var g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, SafetyModel.SIZE, SafetyModel.SIZE, null);
        g.dispose();
        byte[] out = new byte[SafetyModel.INPUT_BYTES];
        for (int y = 0; y < SafetyModel.SIZE; y++) {
            for (int x = 0; x < SafetyModel.SIZE; x++) {
                int v = target.getRGB(x, y);
                int i = (y * SafetyModel.SIZE + x) * 3;
                out[i] = (byte) (v >> 16);
                out[i + 1] = (byte) (v >> 8);
                out[i + 2] = (byte) v;
            }
        }
        return out;
    }
}
