package dev.heavyweight.moderation.prompt.lexicon;

import java.util.List;

/**
 * A text read two ways, because evasions split or join words differently.
 *
 * @param words  tokens split at every separator, with runs of single characters rejoined ("k i l l" → "kill")
 * @param chunks whitespace-delimited chunks with the punctuation inside them removed ("k.i-l_l" → "kill")
 */
public record NormalizedText(List<String> words, List<String> chunks) {

    public List<List<String>> readings() {
        return List.of(words, chunks);
    }
}
