package dev.heavyweight.moderation.image;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A PNG turned into the safety model's input: 224×224 RGB, row-major HWC bytes ({@code UINT8 [1,224,224,3]}).
 * The picture is stretched to the square with bilinear interpolation (Java2D), as nsfwjs does with
 * {@code tf.image.resizeBilinear}, and as the emulator's own safety tests prepare images. Transparent pixels are
 * composed over black. Anything that is not a readable PNG within the pixel limit is {@code INVALID_ARGUMENT}.
 */
public final class SafetyModelInput {

    public static final int SIZE = 224;
    public static final int BYTES = SIZE * SIZE * 3;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private SafetyModelInput() {
    }

    /** The model input for {@code png}; decoding and scaling are CPU work, so call it off the event loop. */
    public static byte[] fromPng(byte[] png, long maxPixels) {
        return rgb(scaled(decode(png, maxPixels)));
    }

    private static BufferedImage decode(byte[] png, long maxPixels) {
        if (png.length < SIGNATURE.length || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw invalid("png: not a PNG image (bad signature)");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        ImageReader reader = readers.next();
        // A memory-backed stream: ImageIO's default may spill to temporary files.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > maxPixels) {
                throw invalid("png: " + reader.getWidth(0) + "x" + reader.getHeight(0) + " is larger than "
                        + maxPixels + " pixels");
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof StatusRuntimeException status) {
                throw status;
            }
            throw invalid("png: not a readable PNG image");
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage scaled(BufferedImage source) {
        BufferedImage target = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] rgb(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
        byte[] rgb = new byte[BYTES];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (byte) (argb[i] >> 16);
            rgb[i * 3 + 1] = (byte) (argb[i] >> 8);
            rgb[i * 3 + 2] = (byte) argb[i];
        }
        return rgb;
    }

    private static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }
}
