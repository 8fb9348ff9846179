package org.openchance.search.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

    @Test
    void umlautsTheirTranscriptionsAndPlainVowelsMeet() {
        assertThat(TextAnalysis.exact("Müller")).isEqualTo("muller");
        assertThat(TextAnalysis.exact("Mueller")).isEqualTo("muller");
        assertThat(TextAnalysis.exact("MULLER")).isEqualTo("muller");
        assertThat(TextAnalysis.exact("Straße")).isEqualTo(TextAnalysis.exact("Strasse"));
        assertThat(TextAnalysis.exact("Café Øresund")).isEqualTo("cafe oresund");
    }

    @Test
    void stemsBringGermanWordFormsTogether() {
        assertThat(TextAnalysis.stems("Maschinen")).isEqualTo(TextAnalysis.stems("Maschine"));
        assertThat(TextAnalysis.stems("Fräsmaschinen")).isEqualTo(TextAnalysis.stems("Fräsmaschine"));
        assertThat(TextAnalysis.stems("Angebote")).isEqualTo(TextAnalysis.stems("Angebot"));
    }

    @Test
    void tokensKeepTheirPlaceInTheOriginalText() {
        String text = "Herr Müller, Straße 5";
        List<TextAnalysis.Token> tokens = TextAnalysis.tokens(text);
        assertThat(tokens).extracting(TextAnalysis.Token::exact).containsExactly("herr", "muller", "strasse", "5");
        TextAnalysis.Token muller = tokens.get(1);
        assertThat(text.substring(muller.start(), muller.end())).isEqualTo("Müller");
        assertThat(TextAnalysis.tokens(null)).isEmpty();
        assertThat(TextAnalysis.exact("  ,; ")).isEmpty();
    }

    @Test
    void aSpellingKeepsTranscriptionsTheExactFormReadsAsUmlauts() {
        assertThat(TextAnalysis.spelling("Loenz")).isEqualTo("loenz");
        assertThat(TextAnalysis.exact("Loenz")).isEqualTo("lonz");
        assertThat(TextAnalysis.spelling("Müller")).isEqualTo("muller");
        assertThat(TextAnalysis.spelling("Weiß")).isEqualTo("weiss");
    }

    @Test
    void compoundWordsGiveTheirPartsAndRunsOfAdjacentPartsInStemForm() {
        assertThat(words(TextAnalysis.parts("Schraubenverdichter"))).contains("schraub", "verdicht");
        assertThat(words(TextAnalysis.parts("Druckluftanlage")))
                .contains("druck", "luft", "anlag", "druckluft", "luftanlag")
                .doesNotContain("druckluftanlag"); // the whole word is in the stems already
        assertThat(words(TextAnalysis.parts("Kältemittelkreislauf")))
                .contains("kalt", "mittel", "kreislauf", "kaltemittel", "mittelkreislauf");
        assertThat(words(TextAnalysis.parts("Wartungsgutachten"))).contains("wartung", "gutacht");
        // what a user types meets the parts: the query's stem is the part's stem
        assertThat(words(TextAnalysis.parts("Kältemittelkreislauf"))).contains(TextAnalysis.stems("kaeltemittel"));
        assertThat(words(TextAnalysis.parts("Wartungsgutachten"))).contains(TextAnalysis.stems("Gutachten"));
        // written without umlauts, still split
        assertThat(words(TextAnalysis.parts("Kaeltemittelkreislauf"))).contains("kreislauf", "kaltemittel");
        // several words, only the compounds give parts; no compound, no parts
        assertThat(words(TextAnalysis.parts("Neue Druckluftanlage für Müller")))
                .contains("druckluft")
                .doesNotContain("neu", "muller");
        assertThat(TextAnalysis.parts("Müller Maschine 2024")).isEmpty();
        assertThat(TextAnalysis.parts(null)).isEmpty();
    }

    @Test
    void runsOfPartsKeepTheLinkingSAndOverlongWordsAreNoCompounds() {
        // "verwaltung" alone, but the run is spelled as in the word: verwaltungssystem, not verwaltungsystem
        assertThat(words(TextAnalysis.parts("Lagerverwaltungssystem")))
                .contains("verwaltung", TextAnalysis.stems("System"), TextAnalysis.stems("Verwaltungssystem"));
        String overlong = "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaftsvertrag";
        assertThat(overlong.length()).isGreaterThan(70); // jWordSplitter refuses these
        assertThat(TextAnalysis.parts(overlong + " Druckluftanlage")).contains("druckluft");
        assertThat(TextAnalysis.forms(overlong).exact()).isEqualTo(TextAnalysis.exact(overlong));
    }

    @Test
    void eachSoundCodeOnceAndNoneForTwoLetterWords() {
        assertThat(TextAnalysis.soundsOf("am")).isEmpty();
        List<String> codes = words(TextAnalysis.sounds("Meyer und Meier und Maier"));
        assertThat(codes).doesNotHaveDuplicates().contains("k67");
        TextAnalysis.Forms forms = TextAnalysis.forms("Die Druckluftanlage");
        assertThat(forms.stems()).isEqualTo(TextAnalysis.stems("Die Druckluftanlage"));
        assertThat(forms.parts()).isEqualTo(TextAnalysis.parts("Die Druckluftanlage"));
    }

    @Test
    void soundAlikeSpellingsShareACodeAndDifferentWordsDoNot() {
        assertThat(TextAnalysis.soundsOf("fotovoltaik")).containsAnyElementsOf(TextAnalysis.soundsOf("photovoltaik"));
        for (String name : List.of("maier", "meyer", "mayer", "meier")) {
            assertThat(TextAnalysis.soundsOf(name)).as(name).contains("k67");
        }
        assertThat(TextAnalysis.soundsOf("smyth")).containsAnyElementsOf(TextAnalysis.soundsOf("smith"));
        assertThat(TextAnalysis.soundsOf("schmidt")).doesNotContainAnyElementsOf(TextAnalysis.soundsOf("becker"));
        assertThat(TextAnalysis.soundsOf("2024")).isEmpty();
        assertThat(TextAnalysis.soundsOf("x")).isEmpty();
        // parts of compounds sound too: "fotovoltaik" meets "Photovoltaikanlage"
        assertThat(words(TextAnalysis.sounds("Photovoltaikanlage")))
                .containsAnyElementsOf(TextAnalysis.soundsOf("fotovoltaik"));
        // Miller and Müller share a Kölner code: search consults sounds last and ranks them below exact words
        assertThat(TextAnalysis.soundsOf(TextAnalysis.exact("Müller"))).contains("k657");
        assertThat(TextAnalysis.soundsOf("miller")).contains("k657");
    }

    private static List<String> words(String text) {
        return List.of(text.split(" "));
    }
}
