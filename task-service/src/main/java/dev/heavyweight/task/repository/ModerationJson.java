package dev.heavyweight.task.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heavyweight.contracts.messages.ModerationDecision;

/** The {@code tasks.moderation} column: a {@link ModerationDecision} as JSON (null stays null). */
public final class ModerationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModerationJson() {
    }

    public static String write(ModerationDecision decision) {
        if (decision == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a moderation decision is always serialisable", e);
        }
    }

    /** The stored decision; a value that does not parse (never written by us) reads as none. */
    public static ModerationDecision read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, ModerationDecision.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
