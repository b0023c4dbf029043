package dev.heavyweight.task.service;

/** Checks of free text that is stored: PostgreSQL refuses NUL in text, and control characters are never meant. */
public final class TextFields {

    private TextFields() {
    }

    /** Refuses C0 control characters (NUL included) other than tab, line feed and carriage return. */
    public static void requireNoControls(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidFieldException(field, String.format(
                        "must not contain control characters (found U+%04X at position %d)", (int) c, i));
            }
        }
    }

    /** A short label (user, end user): no control characters at all, at most {@code max} characters. */
    public static String label(String field, String text, int max) {
        if (text.codePointCount(0, text.length()) > max) {
            throw new InvalidFieldException(field, "must be at most " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidFieldException(field, "must not contain control characters");
            }
        }
        return text;
    }
}
