package org.openchance.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openchance.search.text.TextAnalysis;

class QueryTextTest {

    @Test
    void wordsPhrasesAndTheWordBeingTyped() {
        QueryText query = QueryText.parse("Müller \"Abnahme durch\" masch");
        assertThat(query.words()).extracting(TextAnalysis.Token::exact).containsExactly("muller", "masch");
        assertThat(query.phrases()).hasSize(1);
        assertThat(query.phrases().get(0)).extracting(TextAnalysis.Token::exact).containsExactly("abnahme", "durch");
        assertThat(query.lastWordIsPrefix()).isTrue();
    }

    @Test
    void aTrailingSpaceOrQuoteEndsTheWord() {
        assertThat(QueryText.parse("masch ").lastWordIsPrefix()).isFalse();
        assertThat(QueryText.parse("\"masch\"").lastWordIsPrefix()).isFalse();
        assertThat(QueryText.parse("\"open phrase").words())
                .extracting(TextAnalysis.Token::exact)
                .containsExactly("open", "phrase"); // an unclosed quote is no phrase
        assertThat(QueryText.parse("   ").isEmpty()).isTrue();
    }
}
