package org.openchance.plugins.testquoterenderer;

import java.nio.charset.StandardCharsets;
import org.openchance.api.document.QuoteDocument;
import org.openchance.api.document.QuoteRenderer;
import org.osgi.service.component.annotations.Component;

/** A quote as plain text: what a partner's own layout looks like to the quotes plugin (template {@code plain-text}). */
@Component(property = QuoteRenderer.ID + "=plain-text")
public class PlainTextQuotes implements QuoteRenderer {

    @Override
    public String mediaType() {
        return "text/plain";
    }

    @Override
    public byte[] render(QuoteDocument quote) {
        StringBuilder text = new StringBuilder()
                .append(quote.seller().name())
                .append('\n')
                .append("Quote ")
                .append(quote.number())
                .append(" revision ")
                .append(quote.revision())
                .append(quote.draft() ? " (draft)" : "")
                .append('\n');
        for (QuoteDocument.Line line : quote.lines()) {
            text.append(line.position())
                    .append(". ")
                    .append(line.name())
                    .append(": ")
                    .append(line.net().amount().toPlainString())
                    .append(line.optional() ? " (optional)" : "")
                    .append('\n');
        }
        text.append("Total: ")
                .append(quote.total().amount().toPlainString())
                .append(' ')
                .append(quote.total().currency())
                .append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
