package dev.heavyweight.moderation.image;

/** A generated image to judge, as the worker sends it (PNG bytes) with the task's lane. */
public record ImageInput(String tenant, String taskId, byte[] png, String lane) {
}
