package dev.heavyweight.moderation.prompt.embedding;

/** Which script a prompt is written in, as far as the English-only concept model cares. */
final class LatinScript {

    private LatinScript() {
    }

    /**
     * The share of letters that are Latin, 1 when the text has no letters at all (digits and punctuation say
     * nothing about the language, and the model can still judge them).
     */
    static double share(String text) {
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
        }
        return letters == 0 ? 1 : (double) latin / letters;
    }
}
