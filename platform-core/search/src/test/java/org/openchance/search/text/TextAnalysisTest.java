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
}
