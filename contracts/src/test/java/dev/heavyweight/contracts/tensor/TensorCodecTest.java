package dev.heavyweight.contracts.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorCodecTest {

    @Test
    void bytesElementIsLittleEndianLengthThenData() {
        byte[] raw = TensorCodec.encodeStrings(List.of("cat"));
        assertArrayEquals(new byte[] {3, 0, 0, 0, 0x63, 0x61, 0x74}, raw);
    }

    @Test
    void bytesRoundTripKeepsEveryElementIncludingEmptyAndUnicode() {
        List<byte[]> elements = List.of(
                "a red fox".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "ＫＩＬＬ über".getBytes(StandardCharsets.UTF_8),
                new byte[300]);
        List<byte[]> decoded = TensorCodec.decodeBytes(TensorCodec.encodeBytes(elements));
        assertEquals(elements.size(), decoded.size());
        for (int i = 0; i < elements.size(); i++) {
            assertArrayEquals(elements.get(i), decoded.get(i));
        }
    }

    @Test
    void lengthAbove255UsesSeveralPrefixBytes() {
        byte[] raw = TensorCodec.encodeBytes(List.of(new byte[0x0102]));
        assertEquals(0x02, raw[0]);
        assertEquals(0x01, raw[1]);
        assertEquals(0, raw[2]);
        assertEquals(0, raw[3]);
        assertEquals(4 + 0x0102, raw.length);
    }

    @Test
    void truncatedBytesTensorIsRejected() {
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeBytes(new byte[] {5, 0, 0, 0, 'a'}));
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeBytes(new byte[] {1, 0}));
    }

    @Test
    void singleStringNeedsExactlyOneElement() {
        assertEquals("cat", TensorCodec.decodeSingleString(new byte[] {3, 0, 0, 0, 0x63, 0x61, 0x74}));
        byte[] two = TensorCodec.encodeStrings(List.of("a", "b"));
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeSingleString(two));
    }

    @Test
    void uint8ImageDecodesRowMajorRgb() {
        // 2 rows x 3 columns; pixel (x, y) = (x*10, y*10, 7)
        byte[] raw = new byte[2 * 3 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int i = (y * 3 + x) * 3;
                raw[i] = (byte) (x * 10);
                raw[i + 1] = (byte) (y * 10);
                raw[i + 2] = 7;
            }
        }
        RgbImage image = TensorCodec.decodeImage("UINT8", List.of(1L, 2L, 3L, 3L), raw);
        assertEquals(3, image.width());
        assertEquals(2, image.height());
        assertEquals(0x140a07, image.pixel(2, 1));
        assertEquals(0x000007, image.pixel(0, 0));
    }

    @Test
    void uint8ImageWithWrongShapeOrSizeOrTypeIsRejected() {
        byte[] raw = new byte[12];
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeImage("UINT8", List.of(1L, 2L, 2L, 4L), raw));
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeImage("UINT8", List.of(1L, 2L, 3L, 3L), raw));
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeImage("FP32", List.of(1L, 2L, 2L, 3L), raw));
        assertThrows(TensorFormatException.class, () -> TensorCodec.decodeImage("UINT8", List.of(2L, 1L, 2L, 3L), raw));
    }

    @Test
    void elementSizesFollowTheProtocol() {
        assertEquals(1, TensorCodec.elementSize("UINT8"));
        assertEquals(4, TensorCodec.elementSize("FP32"));
        assertEquals(2, TensorCodec.elementSize("BF16"));
        assertEquals(8, TensorCodec.elementSize("INT64"));
        assertTrue(TensorCodec.isKnownDatatype("BYTES"));
        assertThrows(TensorFormatException.class, () -> TensorCodec.elementSize("BYTES"));
        assertThrows(TensorFormatException.class, () -> TensorCodec.elementSize("uint8"));
    }
}
