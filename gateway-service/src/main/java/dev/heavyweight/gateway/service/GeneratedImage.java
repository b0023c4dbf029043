package dev.heavyweight.gateway.service;

/**
 * One finished image of a batch: exactly one of {@code url} (a presigned URL) and {@code png} is set.
 */
public record GeneratedImage(String taskId, String url, byte[] png) {
}
