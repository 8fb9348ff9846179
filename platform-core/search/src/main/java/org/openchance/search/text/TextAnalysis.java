package org.openchance.search.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
