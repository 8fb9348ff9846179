package org.openchance.search.index;

import java.util.UUID;

/** Which record's document to bring up to date. */
public record DocRef(DocType type, UUID id) {}
