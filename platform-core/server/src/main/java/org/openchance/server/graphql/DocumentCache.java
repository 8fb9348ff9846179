package org.openchance.server.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents by query text. Front-end apps send the same few queries with different variables,
 * so parsing and validating each one again is wasted work (about a tenth of a small request's CPU). Bounded by the
 * size of the texts it holds (a parsed document grows with its text), so neither many random queries nor a few large
 * ones can fill the heap; a document refused by a limit throws and is not cached, so it is checked again each time.
 */
public final class DocumentCache implements PreparsedDocumentProvider {

    private final Cache<String, PreparsedDocumentEntry> documents;

    /** @param maxCharacters the query texts it may hold in all */
    public DocumentCache(long maxCharacters) {
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxCharacters)
                .weigher((String query, PreparsedDocumentEntry entry) -> query.length())
                .build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(
                documents.get(input.getQuery(), query -> parseAndValidate.apply(input)));
    }
}
