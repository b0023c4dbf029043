package dev.heavyweight.moderation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /v1/moderations} in OpenAI's shape, {@code {"input": "text" | ["t1", ...], "model": ...}},
 * read and checked by hand so every malformed body gets a problem document naming what is wrong. {@code model}
 * is accepted for compatibility and otherwise ignored: the configured engines judge every request.
 */
record ModerationsRequest(List<String> inputs) {

    /** The body was not a request we can judge; the message says why, for the problem's detail. */
    static final class InvalidException extends RuntimeException {
        InvalidException(String message) {
            super(message);
        }
    }

    static ModerationsRequest parse(ObjectMapper json, String body, int maxLength, int maxInputs) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidException("the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidException("the body must be a JSON object with an 'input' field");
        }
        JsonNode model = root.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw new InvalidException("model: must be a string");
        }
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw new InvalidException("input: is required (a string or an array of strings)");
        }
        if (input.isTextual()) {
            return new ModerationsRequest(List.of(text(input, "input", maxLength)));
        }
        if (!input.isArray()) {
            throw new InvalidException("input: must be a string or an array of strings");
        }
        if (input.isEmpty()) {
            throw new InvalidException("input: must not be empty");
        }
        if (input.size() > maxInputs) {
            throw new InvalidException("input: at most " + maxInputs + " items, got " + input.size());
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            texts.add(text(input.get(i), "input[" + i + "]", maxLength));
        }
        return new ModerationsRequest(List.copyOf(texts));
    }

    private static String text(JsonNode node, String field, int maxLength) {
        if (!node.isTextual()) {
            throw new InvalidException(field + ": must be a string");
        }
        String text = node.asText();
        if (text.isBlank()) {
            throw new InvalidException(field + ": must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new InvalidException(field + ": must be at most " + maxLength + " characters");
        }
        return text;
    }
}
