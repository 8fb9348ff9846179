package org.openchance.plugins.quotes;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.host.RecordAccess;
import org.openchance.api.web.FileEndpoint;
import org.openchance.plugins.quotes.Database.Refused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /quotes/{id}/pdf}: the stored document of a sent quote (exactly what the customer got, never rendered
 * again), a preview marked as a draft of a draft. Only for users who may see the quote's opportunity; 404 for the
 * others, as if there were no such quote.
 */
@Component(service = FileEndpoint.class, property = FileEndpoint.ROUTE + "=quotes")
public class QuoteFiles implements FileEndpoint {

    private final QuoteStore quotes;
    private final OpportunityReader reader;
    private final QuoteDocuments documents;

    @Activate
    public QuoteFiles(
            @Reference QuoteStore quotes,
            @Reference OpportunityReader reader,
            @Reference PluginSettings settings,
            @Reference Renderers renderers) {
        this.quotes = quotes;
        this.reader = reader;
        this.documents = new QuoteDocuments(settings, reader, renderers);
    }

    @Override
    public Optional<File> file(String id, String name) {
        if (!"pdf".equals(name)) {
            return Optional.empty();
        }
        try {
            Optional<Quote> quote =
                    quotes.find(UUID.fromString(id)).filter(q -> reader.access(q.opportunityId()) != RecordAccess.NONE);
            if (quote.isEmpty()) {
                return Optional.empty();
            }
            Quote q = quote.get();
            Optional<QuoteStore.Document> stored = quotes.document(q.id());
            if (stored.isPresent()) {
                return Optional.of(file(stored.get()));
            }
            List<QuoteLine> lines = quotes.lines(q.id());
            return Optional.of(file(documents.render(q, lines, true)));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (Refused refused) {
            throw new IllegalStateException(refused.getMessage(), refused);
        }
    }

    private static File file(QuoteStore.Document d) {
        return new File(d.fileName(), d.mediaType(), d.content());
    }
}
