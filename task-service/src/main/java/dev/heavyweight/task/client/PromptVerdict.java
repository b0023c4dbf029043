package dev.heavyweight.task.client;

import dev.heavyweight.contracts.messages.ModerationDecision;
import java.util.List;

/**
 * moderation-service's decision on a prompt.
 *
 * @param categories what blocked it (empty when allowed)
 * @param reason     machine-readable reason when blocked
 * @param detail     human-readable explanation when blocked
 * @param decision   stage, blocking engine and every topic's score
 */
public record PromptVerdict(boolean allowed, List<String> categories, String reason, String detail,
        ModerationDecision decision) {
}
