package dev.heavyweight.contracts.tensor;

/**
 * An RGB image as Triton returns it: row-major, 3 bytes per pixel (NHWC without the batch axis).
 *
 * @param width  pixels per row
 * @param height rows
 * @param rgb    {@code width * height * 3} bytes, R then G then B
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if ((long) width * height * 3 != rgb.length) {
            throw new TensorFormatException("RGB buffer of " + rgb.length + " bytes does not hold "
                    + width + "x" + height + "x3");
        }
    }

    /** The pixel at (x, y) as 0xRRGGBB. */
    public int pixel(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }
}
