package org.openchance.search.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.openchance.search.text.TextAnalysis;
import org.openchance.search.text.TextAnalysis.Token;

/**
 * Marks the words of a record's original text that the query matched, with {@code <em>}, by the same rules as the
 * query: same stem, or (when the search forgave typos) within the typo distance Elasticsearch allows ({@code AUTO}:
 * none up to 2 letters, one up to 5, else two; first letter fixed) or sounding alike, prefix of the word being
 * typed, a quoted word, or a compound word with a part the query asked for. Working on the original text (not the
 * normalised index text) shows "Müller" as written. Everything else is HTML-escaped.
 */
final class Highlighter {

    private static final int FRAGMENT = 160;

    private final List<CharacterRunAutomaton> stems = new ArrayList<>();
    private final List<String> exactWords = new ArrayList<>();
    private final Set<String> stemWords = new HashSet<>();
    private final Set<String> sounds = new HashSet<>();
    private final String prefix;

    /** @param fuzzy whether the search forgave typos (else only exact stems match) */
    Highlighter(QueryText query, boolean fuzzy) {
        for (int i = 0; i < query.words().size(); i++) {
            Token word = query.words().get(i);
            stems.add(fuzzy ? fuzzy(word.stem()) : new CharacterRunAutomaton(Automata.makeString(word.stem())));
            stemWords.add(word.stem());
            if (fuzzy) {
                sounds.addAll(TextAnalysis.soundsOf(word.exact()));
                String spelling = query.spellings().get(i);
                if (!spelling.equals(word.exact())) {
                    stems.add(fuzzy(spelling));
                }
            }
        }
        query.phrases().forEach(phrase -> phrase.forEach(word -> exactWords.add(word.exact())));
        String last = query.lastWordIsPrefix()
                ? query.words().get(query.words().size() - 1).exact()
                : null;
        prefix = last != null && last.length() >= 2 ? last : null;
    }

    /** A fragment of {@code text} around its first match, matches marked; null when nothing matched. */
    String fragment(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        List<Token> matches = TextAnalysis.tokens(text).stream()
                .filter(token -> matches(token, text.substring(token.start(), token.end())))
                .toList();
        if (matches.isEmpty()) {
            return null;
        }
        int from = 0;
        int to = text.length();
        if (text.length() > FRAGMENT) {
            from = Math.max(0, matches.get(0).start() - FRAGMENT / 4);
            while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
                from--; // do not cut a word
            }
            to = Math.min(text.length(), from + FRAGMENT);
            while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
                to++;
            }
        }
        StringBuilder out = new StringBuilder(from > 0 ? "…" : "");
        int at = from;
        for (Token match : matches) {
            if (match.start() < from || match.end() > to) {
                continue;
            }
            escape(text, at, match.start(), out);
            out.append("<em>");
            escape(text, match.start(), match.end(), out);
            out.append("</em>");
            at = match.end();
        }
        escape(text, at, to, out);
        return out.append(to < text.length() ? "…" : "").toString();
    }

    private boolean matches(Token token, String original) {
        if (exactWords.contains(token.exact())
                || (prefix != null && token.exact().startsWith(prefix))) {
            return true;
        }
        for (CharacterRunAutomaton stem : stems) {
            if (stem.run(token.stem())) {
                return true;
            }
        }
        if (!stemWords.isEmpty()) { // a compound word with a part the query asked for
            for (String part : TextAnalysis.partsOfWord(original)) {
                if (stemWords.contains(part)) {
                    return true;
                }
            }
        }
        return !sounds.isEmpty()
                && (TextAnalysis.soundsOf(token.exact()).stream().anyMatch(sounds::contains)
                        || TextAnalysis.partSoundsOfWord(original).stream().anyMatch(sounds::contains));
    }

    /** Like Elasticsearch's {@code fuzziness: AUTO} with {@code prefix_length: 1} and transpositions. */
    static CharacterRunAutomaton fuzzy(String term) {
        int distance = term.length() <= 2 ? 0 : term.length() <= 5 ? 1 : 2;
        String prefix = term.isEmpty() ? "" : term.substring(0, 1);
        return new CharacterRunAutomaton(
                new LevenshteinAutomata(term.substring(prefix.length()), true).toAutomaton(distance, prefix));
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }
}
