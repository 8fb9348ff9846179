package org.openchance.server.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchance.api.event.DomainEvent;
import org.openchance.search.SearchUnavailableException;
import org.openchance.search.index.DocRef;
import org.openchance.search.index.DocType;
import org.openchance.search.index.SearchIndexer;
import org.openchance.server.event.BatchEventListener;
import org.openchance.server.event.ListenerUnavailableException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the search index in step with PostgreSQL: the outbox's events say which records changed, the indexer
 * reads their current state and writes it in one bulk request per batch. An event touches every document that
 * shows the record: an account's name is in its opportunities', contacts' and activities' documents too; an
 * opportunity's owner and team decide who sees its activities.
 */
class SearchIndexListener implements BatchEventListener {

    static final String NAME = "search-index";

    private final SearchIndexer indexer;
    private final JdbcTemplate jdbc;

    SearchIndexListener(SearchIndexer indexer, JdbcTemplate jdbc) {
        this.indexer = indexer;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The indexer reads the current state, so a record's events need not wait for each other. */
    @Override
    public boolean ordered() {
        return false;
    }

    @Override
    public Map<Long, String> onEvents(List<DomainEvent> events) {
        Map<DocRef, List<Long>> eventsOf = new HashMap<>();
        for (DomainEvent event : events) {
            for (DocRef ref : documentsOf(event)) {
                eventsOf.computeIfAbsent(ref, r -> new ArrayList<>()).add(event.id());
            }
        }
        Map<DocRef, String> failed;
        try {
            failed = indexer.index(eventsOf.keySet());
        } catch (SearchUnavailableException e) {
            throw new ListenerUnavailableException(e.getMessage(), e);
        }
        Map<Long, String> failedEvents = new HashMap<>();
        failed.forEach((ref, why) -> eventsOf.get(ref).forEach(id -> failedEvents.putIfAbsent(id, why)));
        return failedEvents;
    }

    private Set<DocRef> documentsOf(DomainEvent event) {
        Set<DocRef> refs = new LinkedHashSet<>();
        UUID id = event.aggregateId();
        switch (event.aggregateType()) {
            case "Opportunity" -> {
                refs.add(new DocRef(DocType.OPPORTUNITY, id));
                add(refs, DocType.ACTIVITY, "select id from activity where opportunity_id = ?", id);
            }
            case "Account" -> {
                refs.add(new DocRef(DocType.ACCOUNT, id));
                add(refs, DocType.OPPORTUNITY, "select id from opportunity where account_id = ?", id);
                add(refs, DocType.CONTACT, "select id from contact where account_id = ?", id);
                add(refs, DocType.ACTIVITY, "select id from activity where account_id = ?", id);
            }
            case "Contact" -> refs.add(new DocRef(DocType.CONTACT, id));
            default -> {
                // tasks and other records are not searched
            }
        }
        return refs;
    }

    private void add(Set<DocRef> refs, DocType type, String sql, UUID parent) {
        jdbc.queryForList(sql, UUID.class, parent).forEach(child -> refs.add(new DocRef(type, child)));
    }
}
