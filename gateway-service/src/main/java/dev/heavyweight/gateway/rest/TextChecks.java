package dev.heavyweight.gateway.rest;

/** Checks shared by every free-text field of the API. */
public final class TextChecks {

    public static final String CONTROL_CHARACTERS = "must not contain control characters (U+0000 to U+001F other than tab, line feed and carriage return)";

    private TextChecks() {
    }

    /**
     * Whether the text has a C0 control character other than tab, line feed or carriage return. NUL in
     * particular cannot be stored in PostgreSQL text and means nothing in a prompt, so it is refused here.
     */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
