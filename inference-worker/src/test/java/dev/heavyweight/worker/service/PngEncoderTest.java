package dev.heavyweight.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.contracts.tensor.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    private static final byte[] SIGNATURE = {(byte) 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a};

    @Test
    void decodesToTheSameSizeAndPixels() throws IOException {
        RgbImage image = noise(37, 23, 7);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        assertThat(decoded).isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(37);
        assertThat(decoded.getHeight()).isEqualTo(23);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                assertThat(decoded.getRGB(x, y) & 0xffffff).as("pixel (%d,%d)", x, y).isEqualTo(image.pixel(x, y));
            }
        }
    }

    @Test
    void keepsExtremeChannelValuesThroughTheSubFilter() throws IOException {
        byte[] rgb = new byte[4 * 1 * 3];
        byte[] values = {(byte) 0xff, 0x00, (byte) 0x80, 0x00, (byte) 0xff, 0x01, (byte) 0xfe, 0x00, (byte) 0xff, 0x7f,
                (byte) 0x80, 0x00};
        System.arraycopy(values, 0, rgb, 0, rgb.length);
        RgbImage image = new RgbImage(4, 1, rgb);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        for (int x = 0; x < 4; x++) {
            assertThat(decoded.getRGB(x, 0) & 0xffffff).isEqualTo(image.pixel(x, 0));
        }
    }

    @Test
    void sameInputGivesIdenticalBytes() {
        byte[] first = PngEncoder.encode(noise(64, 48, 3));
        byte[] second = PngEncoder.encode(noise(64, 48, 3));

        assertThat(second).isEqualTo(first);
        assertThat(PngEncoder.encode(noise(64, 48, 4))).isNotEqualTo(first);
    }

    @Test
    void startsWithThePngSignatureAndAnRgbHeader() {
        byte[] png = PngEncoder.encode(noise(5, 3, 1));

        assertThat(Arrays.copyOf(png, 8)).isEqualTo(SIGNATURE);
        assertThat(new String(png, 12, 4)).isEqualTo("IHDR");
        assertThat(png[16 + 8]).as("bit depth").isEqualTo((byte) 8);
        assertThat(png[16 + 9]).as("colour type RGB").isEqualTo((byte) 2);
        assertThat(new String(png, png.length - 8, 4)).isEqualTo("IEND");
    }

    private static RgbImage noise(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }
}
