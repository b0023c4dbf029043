package dev.heavyweight.moderation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SafetyModelInputTest {

    private static final long LIMIT = 4096L * 4096;

    @Test
    void aLargeImageIsStretchedTo224SquareKeepingWhereItsColoursAre() throws IOException {
        BufferedImage image = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 512, 512);
        g.setColor(Color.BLUE);
        g.fillRect(512, 0, 512, 512);
        g.dispose();

        byte[] rgb = SafetyModelInput.fromPng(png(image), LIMIT);

        assertThat(rgb).hasSize(224 * 224 * 3);
        assertThat(pixel(rgb, 10, 200)).containsExactly(255, 0, 0);
        assertThat(pixel(rgb, 213, 20)).containsExactly(0, 0, 255);
    }

    @Test
    void transparencyIsComposedOverBlack() throws IOException {
        BufferedImage image = new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 50, 50, new int[50 * 50], 0, 50);

        byte[] rgb = SafetyModelInput.fromPng(png(image), LIMIT);

        assertThat(pixel(rgb, 100, 100)).containsExactly(0, 0, 0);
    }

    @Test
    void aPictureOverThePixelLimitIsRefusedBeforeDecoding() throws IOException {
        byte[] png = png(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> SafetyModelInput.fromPng(png, 300 * 299));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains("300x300");
    }

    @Test
    void otherFormatsAreRefused() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> SafetyModelInput.fromPng(jpeg.toByteArray(), LIMIT));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    private static int[] pixel(byte[] rgb, int x, int y) {
        int i = (y * 224 + x) * 3;
        return new int[] {rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff};
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
