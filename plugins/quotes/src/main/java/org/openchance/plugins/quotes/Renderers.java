package org.openchance.plugins.quotes;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.openchance.api.document.QuoteRenderer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The quote renderers present (this plugin's own and partners'), by id: a quote's template names one. The plugin's
 * own layout is there from the start, whenever the services come and go.
 */
@Component(service = Renderers.class)
public class Renderers {

    private final QuoteRenderer standard = new StandardPdfRenderer();
    private final Map<String, QuoteRenderer> byId = new ConcurrentHashMap<>(Map.of(StandardPdfRenderer.ID, standard));

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void add(QuoteRenderer renderer, Map<String, Object> properties) {
        Object id = properties.get(QuoteRenderer.ID);
        if (id != null) {
            byId.put(id.toString(), renderer);
        }
    }

    void remove(QuoteRenderer renderer, Map<String, Object> properties) {
        Object id = properties.get(QuoteRenderer.ID);
        if (id != null) {
            byId.remove(id.toString(), renderer);
            byId.putIfAbsent(StandardPdfRenderer.ID, standard);
        }
    }

    Optional<QuoteRenderer> get(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }
}
