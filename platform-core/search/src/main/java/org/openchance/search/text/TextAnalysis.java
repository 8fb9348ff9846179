package org.openchance.search.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * How text is made comparable, in our code rather than in Elasticsearch: the minimal distribution has no
 * folding or German analysis, and a full cluster then gives the same results. Both the indexer and the query use
 * this class, so "Müller", "Mueller" and "muller" become the same token, as do "Straße" and "Strasse".
 * <ul>
 *   <li><b>exact</b> form: split into words, lower case, German umlaut/ß normalisation ({@code ä}/{@code ae} →
 *   {@code a}, {@code ß} → {@code ss}), other accents folded ({@code é} → {@code e});</li>
 *   <li><b>stem</b> form: the exact form plus light German stemming ("Maschinen" and "Maschine" meet).</li>
 * </ul>
 * For the words a user means but did not write as such, two more forms of a text ({@link #parts}, {@link #sounds}):
 * the parts of German compound words ("Druckluftanlage": druck, luft, anlage, druckluft, luftanlage) and how words
 * sound (Kölner Phonetik and Double Metaphone: "Fotovoltaik" sounds like "Photovoltaik").
 * Thread-safe: Lucene analyzers reuse their token streams per thread.
 */
public final class TextAnalysis {

    private static final Analyzer EXACT = analyzer(false);
    private static final Analyzer STEM = analyzer(true);

    private TextAnalysis() {}

    /** One word of a text: its forms and where it stands in the original (for highlighting). */
    public record Token(String exact, String stem, int start, int end) {}

    /** The words of {@code text} in both forms, with their offsets in {@code text}. */
    public static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        // The stem filter neither adds nor drops words, so both streams run side by side, word for word.
        try (TokenStream exact = EXACT.tokenStream("", text);
                TokenStream stem = STEM.tokenStream("", text)) {
            CharTermAttribute exactTerm = exact.addAttribute(CharTermAttribute.class);
            CharTermAttribute stemTerm = stem.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = exact.addAttribute(OffsetAttribute.class);
            exact.reset();
            stem.reset();
            while (exact.incrementToken() && stem.incrementToken()) {
                tokens.add(
                        new Token(exactTerm.toString(), stemTerm.toString(), offset.startOffset(), offset.endOffset()));
            }
            exact.end();
            stem.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return tokens;
    }

    /**
     * One word as typed: lower case, umlauts and accents folded ({@code ü} → {@code u}, {@code ß} → {@code ss}), but
     * "ae", "oe" and "ue" kept. The exact form reads those as umlauts ("Mueller" = "Müller"), which turns some typos
     * into other words ("Loenz", Lorenz without its r, becomes "lonz", two letters away): typo matching tries this
     * spelling too.
     */
    public static String spelling(String word) {
        String lower = word.toLowerCase(Locale.GERMAN).replace("ß", "ss");
        return java.text.Normalizer.normalize(lower, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
    }

    /** The text in exact form, words separated by single spaces (what an index field of exact words receives). */
    public static String exact(String text) {
        return join(text, false);
    }

    /** The text in stem form, words separated by single spaces. */
    public static String stems(String text) {
        return join(text, true);
    }

    private static String join(String text, boolean stem) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens(text)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(stem ? token.stem() : token.exact());
        }
        return out.toString();
    }

    /** Every form of a text the index takes, from one pass over its words (see {@link #forms}). */
    public record Forms(String stems, String exact, String parts, String sounds) {}

    /**
     * All four forms of {@code text} at once, as the indexer needs them: {@link #stems}, {@link #exact},
     * {@link #parts} and {@link #sounds} (each sound code once).
     */
    public static Forms forms(String text) {
        StringBuilder stems = new StringBuilder();
        StringBuilder exact = new StringBuilder();
        StringBuilder parts = new StringBuilder();
        Set<String> sounds = new LinkedHashSet<>();
        for (Token token : tokens(text)) {
            append(stems, token.stem());
            append(exact, token.exact());
            Compound compound = compound(text.substring(token.start(), token.end()));
            compound.runs().forEach(run -> append(parts, run));
            sounds.addAll(soundsOf(token.exact()));
            sounds.addAll(compound.sounds());
        }
        return new Forms(stems.toString(), exact.toString(), parts.toString(), String.join(" ", sounds));
    }

    /**
     * The parts of the German compound words in {@code text}, and every run of adjacent parts short of the whole
     * word ("Kältemittelkreislauf": kalt, mittel, kreislauf, kaltemittel, mittelkreislauf), in stem form, separated
     * by spaces. Whole words are left out: they are in {@link #stems}. Words that are no compound give nothing.
     */
    public static String parts(String text) {
        return forms(text).parts();
    }

    /** The parts of one word as written, as {@link #parts} gives them; empty when it is no compound. */
    public static List<String> partsOfWord(String word) {
        return compound(word).runs();
    }

    /**
     * How the words of {@code text} and the parts of its compound words sound, each code once: per word its Kölner
     * Phonetik code (prefix {@code k}, for German) and its Double Metaphone code (prefix {@code m}, for English),
     * separated by spaces ("Meyer" and "Maier": k67 mmr). Numbers and words under three letters have none.
     */
    public static String sounds(String text) {
        return forms(text).sounds();
    }

    /** The sound codes of one word in exact form (see {@link #sounds}); none for numbers and words under 3 letters. */
    public static List<String> soundsOf(String exactWord) {
        return Sounds.of(exactWord);
    }

    /** The sound codes of the parts of one word as written (see {@link #sounds}); empty when it is no compound. */
    public static List<String> partSoundsOfWord(String word) {
        return compound(word).sounds();
    }

    /** A compound word as the index takes it: its runs of parts in stem form and its parts' sound codes. */
    private record Compound(List<String> runs, List<String> sounds) {
        static final Compound NONE = new Compound(List.of(), List.of());
    }

    /** Each word is analysed once and remembered: notes repeat their words, and a split costs tens of µs. */
    private static final Map<String, Compound> COMPOUNDS = new ConcurrentHashMap<>();

    private static final int COMPOUNDS_CACHED = 100_000;

    private static Compound compound(String word) {
        if (!Compounds.mayBeCompound(word)) {
            return Compound.NONE;
        }
        String lower = word.toLowerCase(Locale.GERMAN);
        Compound compound = COMPOUNDS.get(lower);
        if (compound == null) {
            Compounds.Split split = Compounds.split(lower);
            List<String> runs = new ArrayList<>();
            Compounds.runs(split).forEach(run -> runs.add(stems(run)));
            Set<String> sounds = new LinkedHashSet<>();
            for (String part : split.parts()) {
                sounds.addAll(soundsOf(exact(part)));
            }
            compound = split.parts().isEmpty() ? Compound.NONE : new Compound(List.copyOf(runs), List.copyOf(sounds));
            if (COMPOUNDS.size() >= COMPOUNDS_CACHED) {
                COMPOUNDS.clear(); // crude but bounded: the words that matter come back at once
            }
            COMPOUNDS.put(lower, compound);
        }
        return compound;
    }

    private static void append(StringBuilder out, String words) {
        if (!words.isEmpty()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(words);
        }
    }

    private static Analyzer analyzer(boolean stem) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new GermanNormalizationFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                if (stem) {
                    stream = new GermanLightStemFilter(stream);
                }
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }
}
