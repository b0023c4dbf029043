package dev.heavyweight.moderation.service;

import java.util.List;

/** The pipeline's decision: the blocking stage's categories, and every stage that ran. */
public record PromptVerdict(boolean allowed, List<String> categories, String reason, String detail,
        List<StageVerdict> stages) {

    public static final String REASON_BLOCKED = "prompt_blocked";

    static PromptVerdict allowed(List<StageVerdict> stages) {
        return new PromptVerdict(true, List.of(), "", "", List.copyOf(stages));
    }

    static PromptVerdict blockedBy(StageVerdict blocking, List<StageVerdict> stages) {
        return new PromptVerdict(false, blocking.categories(), REASON_BLOCKED, blocking.detail(), List.copyOf(stages));
    }
}
