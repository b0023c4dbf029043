package dev.heavyweight.moderation.service;

/** What a prompt stage looks at; {@code negativePrompt} is empty when the request has none. */
public record PromptInput(String tenant, String taskId, String prompt, String negativePrompt) {
}
