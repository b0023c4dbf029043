package dev.heavyweight.gateway.service;

/** How the OpenAI-compatible endpoint returns an image. */
public enum ImageFormat {
    /** A presigned URL of the PNG. */
    URL,
    /** The PNG itself, base64-encoded. */
    B64_JSON
}
