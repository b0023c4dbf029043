package dev.heavyweight.gateway.rest;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Puts result images into the test S3 server the way inference-worker stores them. */
public final class ResultImages {

    public static final String BUCKET = "heavyweight-results";

    private ResultImages() {
    }

    public static void ensureBucket(S3Client s3) {
        try {
            s3.headBucket(head -> head.bucket(BUCKET));
        } catch (NoSuchBucketException e) {
            s3.createBucket(create -> create.bucket(BUCKET));
        }
    }

    public static String store(S3Client s3, String taskId, byte[] png) {
        ensureBucket(s3);
        String key = "tenants/" + Api.TENANT + "/tasks/" + taskId + ".png";
        s3.putObject(put -> put.bucket(BUCKET).key(key).contentType("image/png"), RequestBody.fromBytes(png));
        return key;
    }

    /** A real PNG of the given size (what the worker stores), a gradient so its bytes depend on the size. */
    public static byte[] png(int width, int height) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Not a decodable image, but bytes the test can recognise. */
    public static byte[] fakePng(String marker) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] tail = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] png = new byte[signature.length + tail.length];
        System.arraycopy(signature, 0, png, 0, signature.length);
        System.arraycopy(tail, 0, png, signature.length, tail.length);
        return png;
    }
}
