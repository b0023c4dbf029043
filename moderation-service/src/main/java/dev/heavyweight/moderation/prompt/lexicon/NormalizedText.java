package dev.heavyweight.moderation.prompt.lexicon;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A text read several ways, because evasions split or join words differently.
 *
 * @param words          tokens split at every separator, with runs of single characters rejoined ("k i l l" → "kill")
 * @param chunks         whitespace-delimited chunks with the punctuation inside them removed ("k.i-l_l" → "kill")
 * @param transliterated the readings above with plain Latin words read as Russian ("ubiystvo" → "убийство");
 *                       absent when the text has no such word
 * @param scripts        the scripts of the text's letters once look-alikes are resolved (Latin, Cyrillic, Han...)
 */
public record NormalizedText(List<String> words, List<String> chunks, List<List<String>> transliterated,
        Set<UnicodeScript> scripts) {

    public NormalizedText {
        words = List.copyOf(words);
        chunks = List.copyOf(chunks);
        transliterated = List.copyOf(transliterated);
        scripts = Set.copyOf(scripts);
    }

    public List<List<String>> readings() {
        List<List<String>> readings = new ArrayList<>(2 + transliterated.size());
        readings.add(words);
        readings.add(chunks);
        readings.addAll(transliterated);
        return readings;
    }
}
