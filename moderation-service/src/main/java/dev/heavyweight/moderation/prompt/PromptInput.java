package dev.heavyweight.moderation.prompt;

/** What a prompt engine looks at; {@code negativePrompt} is empty when the request has none. */
public record PromptInput(String tenant, String taskId, String prompt, String negativePrompt) {
}
