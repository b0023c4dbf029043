package dev.heavyweight.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The golden vectors of models/nsfw_mobilenet_v2/golden.json: synthetic images with the probabilities the original
 * tfjs model gives them. The images are rebuilt here by the integer generators of models/tools/images.mjs, and
 * each is checked against the SHA-256 of the pixels the Node script fed to tfjs.
 */
public final class GoldenImages {

    /** One image: its definition's name, its pixels (224×224 RGB, row-major) and the reference probabilities. */
    public record Golden(String name, byte[] rgb, float[] probabilities) {
    }

    private static final int SIZE = SafetyModel.SIZE;

    private GoldenImages() {
    }

    public static JsonNode file() {
        try (InputStream in = GoldenImages.class.getResourceAsStream("/models/nsfw_mobilenet_v2/golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Golden> all() {
        List<Golden> images = new ArrayList<>();
        for (JsonNode image : file().get("images")) {
            byte[] rgb = render(image);
            String sha256 = sha256(rgb);
            if (!sha256.equals(image.get("sha256").asText())) {
                throw new IllegalStateException("image " + image.get("name").asText() + " rebuilt as " + sha256
                        + ", golden.json has " + image.get("sha256").asText());
            }
            float[] probabilities = new float[image.get("probabilities").size()];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = (float) image.get("probabilities").get(i).asDouble();
            }
            images.add(new Golden(image.get("name").asText(), rgb, probabilities));
        }
        return images;
    }

    public static Golden named(String name) {
        return all().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    static byte[] render(JsonNode image) {
        byte[] rgb = new byte[SIZE * SIZE * 3];
        switch (image.get("kind").asText()) {
            case "gradient" -> each(rgb, (x, y) -> new int[] {x * 255 / 223, y * 255 / 223, (223 - x + y) * 255 / 446});
            case "checkerboard" -> {
                int cell = image.get("cell").asInt();
                int[] a = colour(image.get("a"));
                int[] b = colour(image.get("b"));
                each(rgb, (x, y) -> (x / cell + y / cell) % 2 == 0 ? a : b);
            }
            case "noise" -> {
                Lcg next = new Lcg(image.get("seed").asInt());
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = (byte) next.nextByte();
                }
            }
            case "flat" -> {
                int[] c = colour(image.get("rgb"));
                each(rgb, (x, y) -> c);
            }
            case "blobs" -> blobs(rgb, image.get("seed").asInt(), image.get("count").asInt());
            case "stripes" -> {
                int width = image.get("width").asInt();
                JsonNode colours = image.get("colors");
                each(rgb, (x, y) -> colour(colours.get(x / width % colours.size())));
            }
            default -> throw new IllegalArgumentException("unknown image kind " + image.get("kind"));
        }
        return rgb;
    }

    private static void blobs(byte[] rgb, int seed, int count) {
        Lcg next = new Lcg(seed);
        int[] background = {next.nextByte(), next.nextByte(), next.nextByte()};
        int[][] discs = new int[count][];
        for (int k = 0; k < count; k++) {
            discs[k] = new int[] {(next.nextByte() * SIZE) >>> 8, (next.nextByte() * SIZE) >>> 8,
                12 + next.nextByte() % 60, next.nextByte(), next.nextByte(), next.nextByte()};
        }
        each(rgb, (x, y) -> {
            int[] colour = background;
            for (int[] d : discs) {
                if ((x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= d[2] * d[2]) {
                    colour = new int[] {d[3], d[4], d[5]};
                }
            }
            return colour;
        });
    }

    private interface Pixel {
        int[] at(int x, int y);
    }

    private static void each(byte[] rgb, Pixel pixel) {
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int[] c = pixel.at(x, y);
                int i = (y * SIZE + x) * 3;
                rgb[i] = (byte) c[0];
                rgb[i + 1] = (byte) c[1];
                rgb[i + 2] = (byte) c[2];
            }
        }
    }

    private static int[] colour(JsonNode rgb) {
        return new int[] {rgb.get(0).asInt(), rgb.get(1).asInt(), rgb.get(2).asInt()};
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** images.mjs's 32-bit LCG: Java's int arithmetic wraps exactly like Math.imul and >>> 0. */
    private static final class Lcg {
        private int state;

        Lcg(int seed) {
            state = seed;
        }

        int nextByte() {
            state = state * 1664525 + 1013904223;
            return state >>> 24;
        }
    }
}
