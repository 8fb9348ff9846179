package org.openchance.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openchance.search.text.TextAnalysis;
import org.openchance.search.text.TextAnalysis.Token;

/**
 * What a user typed, taken apart: words (each must match, typos forgiven), phrases in double quotes (must match as
 * written, up to case and umlauts), and whether the last word is still being typed (then it also matches as a
 * prefix: "masch" finds "Maschinenbau"). {@code spellings} are the words as typed, case and accents aside but
 * "ae", "oe" and "ue" kept (see {@link TextAnalysis#spelling}).
 */
public record QueryText(
        List<Token> words, List<String> spellings, List<List<Token>> phrases, boolean lastWordIsPrefix) {

    private static final Pattern PHRASE = Pattern.compile("\"([^\"]*)\"");

    public static QueryText parse(String text) {
        List<List<Token>> phrases = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        Matcher m = PHRASE.matcher(text);
        int last = 0;
        while (m.find()) {
            rest.append(text, last, m.start()).append(' ');
            List<Token> phrase = TextAnalysis.tokens(m.group(1));
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
            last = m.end();
        }
        String tail = text.substring(last).replace("\"", " "); // an unclosed quote is just a word boundary
        rest.append(tail);
        List<Token> words = TextAnalysis.tokens(rest.toString());
        List<String> spellings = words.stream()
                .map(w -> TextAnalysis.spelling(rest.substring(w.start(), w.end())))
                .toList();
        boolean prefix = !words.isEmpty()
                && !tail.isEmpty()
                && !Character.isWhitespace(tail.charAt(tail.length() - 1))
                && Character.isLetterOrDigit(tail.charAt(tail.length() - 1));
        return new QueryText(words, spellings, phrases, prefix);
    }

    public boolean isEmpty() {
        return words.isEmpty() && phrases.isEmpty();
    }
}
