package org.openchance.search.text;

import de.danielnaber.jwordsplitter.GermanWordSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * German compound words taken apart with jWordSplitter's dictionary ("Schraubenverdichter": schrauben, verdichter).
 * A word is split once and remembered: notes repeat their words, and a split costs tens of microseconds.
 */
final class Compounds {

    /** Shorter words are hardly ever compounds of two words a user would search for on their own. */
    private static final int MIN_LENGTH = 7;

    private static final int CACHE_SIZE = 100_000;
    private static final Map<String, List<String>> SPLITS = new ConcurrentHashMap<>();

    private Compounds() {}

    /** The splitter, loaded on first use (its dictionary takes a moment and ~20 MB). */
    private static final class Splitter {
        static final GermanWordSplitter INSTANCE = create();

        private static GermanWordSplitter create() {
            try {
                return new GermanWordSplitter(true); // interfixes hidden: "Wartungsgutachten" → wartung, gutachten
            } catch (IOException e) {
                throw new UncheckedIOException("jWordSplitter's dictionary is missing from the classpath", e);
            }
        }
    }

    /** The parts of {@code word} (as written, any case), lower case; empty when it is no compound. */
    static List<String> parts(String word) {
        if (word.length() < MIN_LENGTH || !word.chars().allMatch(Character::isLetter)) {
            return List.of();
        }
        String lower = word.toLowerCase(Locale.GERMAN);
        List<String> parts = SPLITS.get(lower);
        if (parts == null) {
            parts = split(lower);
            if (SPLITS.size() >= CACHE_SIZE) {
                SPLITS.clear(); // crude but bounded: the words that matter come back at once
            }
            SPLITS.put(lower, parts);
        }
        return parts;
    }

    /**
     * Every run of adjacent parts short of the whole word, single parts first: "Druckluftanlage" → druck, luft,
     * anlage, druckluft, luftanlage. Users type a compound's leading or trailing words as often as its single parts.
     */
    static List<String> runs(String word) {
        List<String> parts = parts(word);
        List<String> runs = new ArrayList<>(parts);
        for (int length = 2; length < parts.size(); length++) {
            for (int from = 0; from + length <= parts.size(); from++) {
                runs.add(String.join("", parts.subList(from, from + length)));
            }
        }
        return runs;
    }

    private static List<String> split(String lower) {
        List<String> parts = splitWord(lower);
        if (parts.size() < 2 && (lower.contains("ae") || lower.contains("oe") || lower.contains("ue"))) {
            // written without umlauts ("Kaeltemittel"): the dictionary has them
            parts = splitWord(lower.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü"));
        }
        return parts.size() < 2 ? List.of() : List.copyOf(parts);
    }

    private static List<String> splitWord(String lower) {
        synchronized (Splitter.INSTANCE) { // its state is read-only, but it does not promise thread safety
            return Splitter.INSTANCE.splitWord(lower);
        }
    }
}
