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
    /** jWordSplitter refuses words over 70 letters; no real compound is that long. */
    private static final int MAX_LENGTH = 60;

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

    /** Whether a word (as written) has the length, and letters only, to be worth splitting. */
    static boolean mayBeCompound(String word) {
        return word.length() >= MIN_LENGTH
                && word.length() <= MAX_LENGTH
                && word.chars().allMatch(Character::isLetter);
    }

    /** A word as split: the lower-case word the parts come from (umlauts restored, if that made it split). */
    record Split(String word, List<String> parts) {
        static final Split NONE = new Split("", List.of());
    }

    /** The parts of a lower-case word; {@link Split#NONE} when it is no compound. */
    static Split split(String lower) {
        Split split = splitWord(lower);
        if (split.parts().size() < 2 && (lower.contains("ae") || lower.contains("oe") || lower.contains("ue"))) {
            // written without umlauts ("Kaeltemittel"): the dictionary has them
            split = splitWord(lower.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü"));
        }
        return split.parts().size() < 2 ? Split.NONE : split;
    }

    /**
     * Every run of adjacent parts short of the whole word, single parts first: "Druckluftanlage" → druck, luft,
     * anlage, druckluft, luftanlage. Users type a compound's leading or trailing words as often as its single parts.
     * A run is the word's own letters, linking "s" included ("Lagerverwaltungssystem": verwaltungssystem), while a
     * single part goes without it (verwaltung).
     */
    static List<String> runs(Split split) {
        List<String> parts = split.parts();
        int[] starts = new int[parts.size()];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            starts[i] = split.word().indexOf(parts.get(i), at);
            if (starts[i] < 0) {
                return parts; // the splitter changed a part's letters: no runs rather than wrong ones
            }
            at = starts[i] + parts.get(i).length();
        }
        List<String> runs = new ArrayList<>(parts);
        for (int length = 2; length < parts.size(); length++) {
            for (int from = 0; from + length <= parts.size(); from++) {
                int last = from + length - 1;
                runs.add(split.word()
                        .substring(starts[from], starts[last] + parts.get(last).length()));
            }
        }
        return runs;
    }

    private static Split splitWord(String lower) {
        List<String> parts;
        try {
            synchronized (Splitter.INSTANCE) { // its state is read-only, but it does not promise thread safety
                parts = Splitter.INSTANCE.splitWord(lower);
            }
        } catch (RuntimeException e) {
            return Split.NONE; // e.g. a word too long for it: no parts, rather than no document
        }
        return new Split(lower, List.copyOf(parts));
    }
}
