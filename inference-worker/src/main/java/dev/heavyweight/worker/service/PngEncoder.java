package dev.heavyweight.worker.service;

import dev.heavyweight.contracts.tensor.RgbImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes an RGB image as a PNG (8-bit truecolour, no interlace). Deterministic: the same pixels
 * always give the same bytes (no timestamps or other ancillary chunks), so a re-executed job stores
 * an identical object. Every row uses the Sub filter, which costs nothing and shrinks smooth images.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int BIT_DEPTH = 8;
    private static final int COLOUR_TYPE_RGB = 2;
    private static final int FILTER_SUB = 1;
    private static final int BYTES_PER_PIXEL = 3;

    private PngEncoder() {
    }

    public static byte[] encode(RgbImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream(image.rgb().length / 2 + 1024);
        png.writeBytes(SIGNATURE);
        writeChunk(png, "IHDR", header(image));
        writeChunk(png, "IDAT", deflate(filteredRows(image)));
        writeChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] header(RgbImage image) {
        return ByteBuffer.allocate(13)
                .putInt(image.width())
                .putInt(image.height())
                .put((byte) BIT_DEPTH)
                .put((byte) COLOUR_TYPE_RGB)
                .put((byte) 0) // compression: deflate
                .put((byte) 0) // filter method: adaptive (per-row filter byte)
                .put((byte) 0) // no interlace
                .array();
    }

    /** Each row: the filter type byte, then every byte minus the same channel of the pixel to its left. */
    private static byte[] filteredRows(RgbImage image) {
        int stride = image.width() * BYTES_PER_PIXEL;
        byte[] rgb = image.rgb();
        byte[] out = new byte[image.height() * (stride + 1)];
        int o = 0;
        for (int y = 0; y < image.height(); y++) {
            int row = y * stride;
            out[o++] = FILTER_SUB;
            for (int i = 0; i < stride; i++) {
                int left = i >= BYTES_PER_PIXEL ? rgb[row + i - BYTES_PER_PIXEL] : 0;
                out[o++] = (byte) (rgb[row + i] - left);
            }
        }
        return out;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void writeChunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
