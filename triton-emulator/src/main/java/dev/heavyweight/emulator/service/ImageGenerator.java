package dev.heavyweight.emulator.service;

import dev.heavyweight.contracts.tensor.RgbImage;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Draws a deterministic stand-in for a diffusion result: the SHA-256 of prompt, negative prompt and seed
 * picks a palette and a composition (gradient, wavy bands, soft circles), so equal inputs give identical
 * bytes and different prompts give visibly different pictures. The composition is defined in relative
 * coordinates, so one prompt looks alike at every size.
 */
@ApplicationScoped
public class ImageGenerator {

    private static final double TAU = 2 * Math.PI;

    public RgbImage render(String prompt, String negativePrompt, long seed, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + width + "x" + height);
        }
        byte[] hash = expand(digest(prompt, negativePrompt, seed));
        int[][] palette = new int[4][];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = hsvToRgb(unit(hash[i * 3]), 0.45 + 0.55 * unit(hash[i * 3 + 1]),
                    0.35 + 0.65 * unit(hash[i * 3 + 2]));
        }
        byte[] rgb = new byte[width * height * 3];
        paintBackground(rgb, width, height, hash, palette);
        int circles = 3 + (hash[16] & 0xff) % 4;
        for (int k = 0; k < circles; k++) {
            paintCircle(rgb, width, height, hash, 17 + 3 * k, palette[2 + k % 2]);
        }
        paintLeading(rgb, width, height, 10 + (hash[29] & 0xff) % 7);
        return new RgbImage(width, height, rgb);
    }

    private static void paintBackground(byte[] rgb, int width, int height, byte[] hash, int[][] palette) {
        double angle = unit(hash[12]) * TAU;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double frequency = 2 + (hash[13] & 0xff) % 6;
        double phase = unit(hash[14]) * TAU;
        double waviness = 1 + (hash[15] & 0xff) % 3;
        double[] columnWarp = new double[width];
        for (int x = 0; x < width; x++) {
            columnWarp[x] = 0.15 * Math.sin(TAU * waviness * x / width);
        }
        int i = 0;
        for (int y = 0; y < height; y++) {
            double v = (double) y / height;
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double t = clamp((u - 0.5) * cos + (v - 0.5) * sin + 0.5);
                double band = 0.3 * (Math.sin(TAU * frequency * (v + columnWarp[x]) + phase) + 1) / 2;
                for (int c = 0; c < 3; c++) {
                    double base = palette[0][c] + (palette[1][c] - palette[0][c]) * t;
                    rgb[i++] = (byte) Math.round(base + (palette[2][c] - base) * band);
                }
            }
        }
    }

    /**
     * Dark lead lines over the picture, like a stained-glass window: the real image classifier
     * ({@code nsfw_mobilenet_v2}) read about one smooth abstract picture in twenty as "Porn", which would reject
     * harmless prompts at the default thresholds; with the lines it reads them as drawings or neutral pictures
     * (EmulatorImagesSafetyTest checks many prompts and seeds).
     */
    private static void paintLeading(byte[] rgb, int width, int height, int cells) {
        int line = Math.max(1, Math.min(width, height) / 128);
        for (int y = 0; y < height; y++) {
            boolean rowLine = (y * cells / height) != ((y + line) * cells / height);
            for (int x = 0; x < width; x++) {
                boolean columnLine = (x * cells / width) != ((x + line) * cells / width);
                if (rowLine || columnLine) {
                    int i = (y * width + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        rgb[i + c] = (byte) ((rgb[i + c] & 0xff) / 5);
                    }
                }
            }
        }
    }

    private static void paintCircle(byte[] rgb, int width, int height, byte[] hash, int offset, int[] color) {
        double cx = unit(hash[offset]) * width;
        double cy = unit(hash[offset + 1]) * height;
        double radius = (0.08 + 0.27 * unit(hash[offset + 2])) * Math.min(width, height);
        double edge = Math.max(1.0, 0.2 * radius);
        int x0 = Math.max(0, (int) Math.floor(cx - radius));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + radius));
        int y0 = Math.max(0, (int) Math.floor(cy - radius));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + radius));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                double alpha = 0.85 * clamp((radius - distance) / edge);
                if (alpha > 0) {
                    int i = (y * width + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        int under = rgb[i + c] & 0xff;
                        rgb[i + c] = (byte) Math.round(under + (color[c] - under) * alpha);
                    }
                }
            }
        }
    }

    private static byte[] digest(String prompt, String negativePrompt, long seed) {
        byte[] p = prompt.getBytes(StandardCharsets.UTF_8);
        byte[] n = negativePrompt.getBytes(StandardCharsets.UTF_8);
        // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
        ByteBuffer input = ByteBuffer.allocate(4 + p.length + 4 + n.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        input.putInt(p.length).put(p).putInt(n.length).put(n).putLong(seed);
        return sha256(input.array());
    }

    /** 64 bytes of composition choices: the digest followed by the digest of the digest. */
    private static byte[] expand(byte[] hash) {
        byte[] expanded = Arrays.copyOf(hash, hash.length * 2);
        System.arraycopy(sha256(hash), 0, expanded, hash.length, hash.length);
        return expanded;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static int[] hsvToRgb(double hue, double saturation, double value) {
        double h = hue * 6;
        int sector = (int) Math.floor(h) % 6;
        double f = h - Math.floor(h);
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
        return new int[] {channel(rgb[0]), channel(rgb[1]), channel(rgb[2])};
    }

    private static int channel(double value) {
        return (int) Math.round(value * 255);
    }

    private static double unit(byte b) {
        return (b & 0xff) / 256.0;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
