package org.openchance.search.text;

import de.danielnaber.jwordsplitter.GermanWordSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** German compound words taken apart with jWordSplitter's dictionary ("Schraubenverdichter": schrauben, verdichter). */
final class Compounds {

    /** Shorter words are hardly ever compounds of two words a user would search for on their own. */
    private static final int MIN_LENGTH = 7;

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

    /** Whether a word (as written) is long enough, and letters only, to be worth splitting. */
    static boolean mayBeCompound(String word) {
        return word.length() >= MIN_LENGTH && word.chars().allMatch(Character::isLetter);
    }

    /**
     * Every run of adjacent parts short of the whole word, single parts first: "Druckluftanlage" → druck, luft,
     * anlage, druckluft, luftanlage. Users type a compound's leading or trailing words as often as its single parts.
     */
    static List<String> runs(List<String> parts) {
        List<String> runs = new ArrayList<>(parts);
        for (int length = 2; length < parts.size(); length++) {
            for (int from = 0; from + length <= parts.size(); from++) {
                runs.add(String.join("", parts.subList(from, from + length)));
            }
        }
        return runs;
    }

    /** The parts of a lower-case word; empty when it is no compound. */
    static List<String> split(String lower) {
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
