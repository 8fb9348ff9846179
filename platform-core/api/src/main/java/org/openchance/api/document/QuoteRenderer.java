package org.openchance.api.document;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Renders a quote as a document, e.g. a PDF with the company's layout. The quotes plugin calls the renderer its
 * quote's template names (by {@link #ID}); its own is {@code pdf-standard}. A partner's renderer registers beside it.
 */
@ConsumerType
public interface QuoteRenderer {

    /** The service property with the renderer's id: stable and unique, e.g. {@code pdf-standard}. */
    String ID = "openchance.quote.renderer";

    /** The media type of what {@link #render} returns, e.g. {@code application/pdf}. */
    String mediaType();

    byte[] render(QuoteDocument quote);
}
