package dev.heavyweight.moderation.prompt.lexicon;

import jakarta.inject.Singleton;
import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes the usual ways of disguising a word before blocklist matching: compatibility forms (full-width,
 * circled, mathematical letters), case, diacritics and other combining marks, invisible format characters,
 * mixed-script look-alikes (Latin/Cyrillic by the word's majority script, Greek to Latin), leetspeak and letters
 * spread apart by separators ("у б и й с т в о"). Latin words are also read as transliterated Russian. Ordinary
 * words keep their boundaries, so "skill" never reads as "kill".
 */
@Singleton
public class PromptNormalizer {

    /** Both readings of {@code text}; see {@link NormalizedText}. */
    public NormalizedText normalize(String text) {
        String canonical = canonical(text);
        List<String> words = wordsOf(canonical);
        List<String> chunks = chunksOf(canonical);
        List<List<String>> transliterated = new ArrayList<>();
        transliterated(words).ifPresent(transliterated::add);
        transliterated(chunks).ifPresent(transliterated::add);
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        words.forEach(word -> scripts.addAll(Scripts.in(word)));
        return new NormalizedText(words, chunks, transliterated, scripts);
    }

    /** {@code tokens} with every plain Latin word read as transliterated Russian; empty when none is. */
    private static Optional<List<String>> transliterated(List<String> tokens) {
        boolean changed = false;
        List<String> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            String cyrillic = Transliteration.toCyrillic(token);
            changed |= cyrillic != null;
            out.add(cyrillic == null ? token : cyrillic);
        }
        return changed ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    /** The word reading alone: how blocklist terms themselves are normalised. */
    public List<String> words(String text) {
        return wordsOf(canonical(text));
    }

    private static String canonical(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(folded, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (cp == COMBINING_BREVE && !out.isEmpty() && out.charAt(out.length() - 1) == 'и') {
                // "й" is a letter of its own in Russian, not "и" with a diacritic: stemming needs it
                out.setCharAt(out.length() - 1, 'й');
            } else if (!isInvisible(cp)) {
                out.appendCodePoint(Confusables.lookAlike(cp));
            }
        });
        return out.toString();
    }

    private static final int COMBINING_BREVE = 0x0306;

    /** Combining marks (diacritics after NFD) and format characters such as zero-width spaces. */
    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Confusables.isLeetSymbol(codePoint);
    }

    private static List<String> wordsOf(String canonical) {
        List<String> raw = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        canonical.codePoints().forEach(cp -> {
            if (isWordChar(cp)) {
                current.appendCodePoint(cp);
            } else if (!current.isEmpty()) {
                raw.add(current.toString());
                current.setLength(0);
            }
        });
        if (!current.isEmpty()) {
            raw.add(current.toString());
        }
        return joinSpreadLetters(raw).stream().map(Confusables::resolveScript).filter(PromptNormalizer::hasContent).toList();
    }

    /** Runs of two or more one-character tokens are one word spelt out: "k.i.l.l", "k i l l". */
    private static List<String> joinSpreadLetters(List<String> tokens) {
        List<String> joined = new ArrayList<>(tokens.size());
        StringBuilder run = new StringBuilder();
        for (String token : tokens) {
            if (token.codePointCount(0, token.length()) == 1) {
                run.append(token);
                continue;
            }
            flush(run, joined);
            joined.add(token);
        }
        flush(run, joined);
        return joined;
    }

    private static void flush(StringBuilder run, List<String> into) {
        if (!run.isEmpty()) {
            into.add(run.toString());
            run.setLength(0);
        }
    }

    private static List<String> chunksOf(String canonical) {
        List<String> chunks = new ArrayList<>();
        for (String chunk : canonical.split("[\\s\\p{Z}]+")) {
            StringBuilder kept = new StringBuilder(chunk.length());
            chunk.codePoints().filter(PromptNormalizer::isWordChar).forEach(kept::appendCodePoint);
            String token = Confusables.resolveScript(kept.toString());
            if (hasContent(token)) {
                chunks.add(token);
            }
        }
        return chunks;
    }

    /** A lone "@" or "$" is punctuation, not a word. */
    private static boolean hasContent(String token) {
        return token.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
