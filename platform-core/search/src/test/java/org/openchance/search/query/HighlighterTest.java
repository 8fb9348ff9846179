package org.openchance.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighlighterTest {

    @Test
    void marksWhatMatchedInTheOriginalSpelling() {
        Highlighter muller = new Highlighter(QueryText.parse("mueller "), true);
        assertThat(muller.fragment("Jörg Müller & Söhne")).isEqualTo("Jörg <em>Müller</em> &amp; Söhne");
        assertThat(muller.fragment("Schmidt GmbH")).isNull();
    }

    @Test
    void typoDistanceFollowsElasticsearchAuto() {
        // 6+ letters: two edits; 3-5 letters: one; the first letter must match
        assertThat(new Highlighter(QueryText.parse("maschienenbau "), true).fragment("Maschinenbau"))
                .isEqualTo("<em>Maschinenbau</em>");
        assertThat(new Highlighter(QueryText.parse("kram "), true).fragment("Kran"))
                .isEqualTo("<em>Kran</em>");
        assertThat(new Highlighter(QueryText.parse("kxxm "), true).fragment("Kran"))
                .isNull();
        assertThat(new Highlighter(QueryText.parse("bran "), true).fragment("Kran"))
                .isNull();
    }

    @Test
    void forgivingTyposAlsoMarksWordsThatSoundAlikeAndAlwaysCompoundsWithAPartAskedFor() {
        // g and k sound alike (Kölner Phonetik): the search found it by sound, so it is marked
        assertThat(new Highlighter(QueryText.parse("gran "), true).fragment("Kran"))
                .isEqualTo("<em>Kran</em>");
        assertThat(new Highlighter(QueryText.parse("fotovoltaik "), true).fragment("Neue Photovoltaik"))
                .isEqualTo("Neue <em>Photovoltaik</em>");
        assertThat(new Highlighter(QueryText.parse("gran "), false).fragment("Kran"))
                .isNull();
        // a typo that reads like an umlaut transcription: "loenz" is "lonz" in exact form, but typed it is one away
        assertThat(new Highlighter(QueryText.parse("loenz "), true).fragment("Herr Lorenz"))
                .isEqualTo("Herr <em>Lorenz</em>");
        assertThat(new Highlighter(QueryText.parse("verdichter "), false)
                        .fragment("Angebot: Schraubenverdichter, 2 Stück"))
                .isEqualTo("Angebot: <em>Schraubenverdichter</em>, 2 Stück");
    }

    @Test
    void withoutTyposOnlyTheSameStemCounts() {
        assertThat(new Highlighter(QueryText.parse("kram "), false).fragment("Kran"))
                .isNull();
        assertThat(new Highlighter(QueryText.parse("mueller "), false).fragment("Herr Müller"))
                .isEqualTo("Herr <em>Müller</em>");
    }

    @Test
    void prefixOfTheWordBeingTypedAndLongTextsAreCutAroundTheMatch() {
        assertThat(new Highlighter(QueryText.parse("masch"), true).fragment("Fräsen und Maschinenbau"))
                .isEqualTo("Fräsen und <em>Maschinenbau</em>");
        String longText = "Anfang " + "füllwort ".repeat(40) + "Zielwort " + "rest ".repeat(40);
        String fragment = new Highlighter(QueryText.parse("zielwort "), true).fragment(longText);
        assertThat(fragment).startsWith("…").endsWith("…").contains("<em>Zielwort</em>");
        assertThat(fragment.length()).isLessThan(200);
    }
}
