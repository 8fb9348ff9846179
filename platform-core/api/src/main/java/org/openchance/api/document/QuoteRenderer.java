package org.openchance.api.document;

import org.osgi.annotation.versioning.ConsumerType;

/** Renders a quote as a document, e.g. a PDF with the company's layout. Called with the host's time budget. */
@ConsumerType
public interface QuoteRenderer {

    /** Stable and unique, e.g. {@code pdf-standard}. */
    String id();

    /** The media type of what {@link #render} returns, e.g. {@code application/pdf}. */
    String mediaType();

    byte[] render(QuoteDocument quote);
}
