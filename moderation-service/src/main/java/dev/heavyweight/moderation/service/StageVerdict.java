package dev.heavyweight.moderation.service;

import java.util.List;

/** What one stage decided; {@code detail} explains a block without repeating the prompt. */
public record StageVerdict(String stage, boolean allowed, List<String> categories, String detail) {

    public static StageVerdict allow(String stage) {
        return new StageVerdict(stage, true, List.of(), "");
    }

    public static StageVerdict block(String stage, List<String> categories, String detail) {
        return new StageVerdict(stage, false, List.copyOf(categories), detail);
    }
}
