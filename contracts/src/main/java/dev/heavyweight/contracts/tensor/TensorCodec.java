package dev.heavyweight.contracts.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KServe v2 raw tensor encoding: row-major, little-endian, no padding; a BYTES element is a 4-byte
 * little-endian length followed by its bytes.
 */
public final class TensorCodec {

    public static final String BYTES = "BYTES";
    public static final String UINT8 = "UINT8";

    private static final Map<String, Integer> ELEMENT_SIZES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("UINT8", 1), Map.entry("UINT16", 2), Map.entry("UINT32", 4),
            Map.entry("UINT64", 8), Map.entry("INT8", 1), Map.entry("INT16", 2), Map.entry("INT32", 4),
            Map.entry("INT64", 8), Map.entry("FP16", 2), Map.entry("FP32", 4), Map.entry("FP64", 8),
            Map.entry("BF16", 2));

    private TensorCodec() {
    }

    /** True for every datatype name of the protocol (case-sensitive). */
    public static boolean isKnownDatatype(String datatype) {
        return BYTES.equals(datatype) || ELEMENT_SIZES.containsKey(datatype);
    }

    /** Bytes per element of a fixed-size datatype. */
    public static int elementSize(String datatype) {
        Integer size = ELEMENT_SIZES.get(datatype);
        if (size == null) {
            throw new TensorFormatException("datatype " + datatype + " has no fixed element size");
        }
        return size;
    }

    /** Number of elements of a tensor with this shape; negative dimensions are invalid here. */
    public static long elementCount(List<Long> shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new TensorFormatException("shape " + shape + " has a negative dimension");
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** Encodes strings as one raw BYTES tensor (UTF-8). */
    public static byte[] encodeStrings(List<String> values) {
        List<byte[]> elements = new ArrayList<>(values.size());
        for (String value : values) {
            elements.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return encodeBytes(elements);
    }

    /** Encodes elements as one raw BYTES tensor. */
    public static byte[] encodeBytes(List<byte[]> elements) {
        int total = 0;
        for (byte[] element : elements) {
            total = Math.addExact(total, 4 + element.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] element : elements) {
            buffer.putInt(element.length);
            buffer.put(element);
        }
        return buffer.array();
    }

    /** Splits a raw BYTES tensor into its elements; rejects truncated or trailing data. */
    public static List<byte[]> decodeBytes(byte[] raw) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> elements = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 4) {
                throw new TensorFormatException("BYTES tensor ends inside a length prefix");
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw new TensorFormatException("BYTES element of " + length + " bytes but only "
                        + buffer.remaining() + " remain");
            }
            byte[] element = new byte[(int) length];
            buffer.get(element);
            elements.add(element);
        }
        return elements;
    }

    /** Decodes a raw BYTES tensor expected to hold exactly one UTF-8 string. */
    public static String decodeSingleString(byte[] raw) {
        List<byte[]> elements = decodeBytes(raw);
        if (elements.size() != 1) {
            throw new TensorFormatException("expected one BYTES element, found " + elements.size());
        }
        return new String(elements.get(0), StandardCharsets.UTF_8);
    }

    /** Decodes a UINT8 [1,H,W,3] tensor into an image, checking the shape against the data. */
    public static RgbImage decodeImage(String datatype, List<Long> shape, byte[] raw) {
        if (!UINT8.equals(datatype)) {
            throw new TensorFormatException("image tensor must be UINT8, was " + datatype);
        }
        if (shape.size() != 4 || shape.get(0) != 1 || shape.get(3) != 3) {
            throw new TensorFormatException("image tensor must have shape [1,H,W,3], was " + shape);
        }
        long expected = elementCount(shape);
        if (expected != raw.length) {
            throw new TensorFormatException("image tensor " + shape + " needs " + expected
                    + " bytes, got " + raw.length);
        }
        return new RgbImage(Math.toIntExact(shape.get(2)), Math.toIntExact(shape.get(1)), raw);
    }
}
