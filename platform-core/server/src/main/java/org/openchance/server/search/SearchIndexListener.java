package org.openchance.server.search;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchance.api.event.DomainEvent;
import org.openchance.search.SearchUnavailableException;
import org.openchance.search.index.DocRef;
import org.openchance.search.index.DocType;
import org.openchance.search.index.SearchIndexer;
import org.openchance.server.event.BatchEventListener;
import org.openchance.server.event.ListenerUnavailableException;
import org.openchance.store.search.SearchSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the search index in step with PostgreSQL: the outbox's events say which records changed, the indexer
 * reads their current state and writes it in one bulk request per batch. An event touches every document that
 * shows the record: an account's name is in its opportunities', contacts' and activities' documents too; an
 * opportunity's owner and team decide who sees its activities, and (read through the deal) its account, the
 * account's contacts and own activities, and the deal's contacts.
 */
public class SearchIndexListener implements BatchEventListener {

    /** The listener's name: its deliveries in the outbox are kept under it. */
    public static final String NAME = "search-index";

    private static final Logger log = LoggerFactory.getLogger(SearchIndexListener.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final SearchIndexer indexer;
    private final SearchSources sources;

    private final int workers;
    private final IndexPressure pressure;

    SearchIndexListener(SearchIndexer indexer, SearchSources sources, int workers, IndexPressure pressure) {
        if (workers < 1) {
            throw new IllegalArgumentException("openchance.search.indexer.workers must be at least 1, was " + workers);
        }
        this.indexer = indexer;
        this.sources = sources;
        this.workers = workers;
        this.pressure = pressure;
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

    /** Writes wait while the index is behind ({@link IndexPressure}); the dispatcher tells after every batch. */
    @Override
    public void lag(Duration lag) {
        pressure.report(lag);
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public Map<Long, String> onEvents(List<DomainEvent> events) {
        long started = System.nanoTime();
        Map<DocRef, List<Long>> eventsOf;
        try {
            eventsOf = documentsOf(events);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e); // a failed try, as any other error
        }
        Map<DocRef, String> failed;
        try {
            failed = indexer.index(eventsOf.keySet());
        } catch (SearchUnavailableException e) {
            throw new ListenerUnavailableException(e.getMessage(), e);
        }
        log.debug(
                "{} events → {} documents ({} failed) in {} ms",
                events.size(),
                eventsOf.size(),
                failed.size(),
                (System.nanoTime() - started) / 1_000_000);
        Map<Long, String> failedEvents = new HashMap<>();
        failed.forEach((ref, why) -> eventsOf.get(ref).forEach(id -> failedEvents.putIfAbsent(id, why)));
        return failedEvents;
    }

    /** Every document the events touch, with the events that touch it; the children looked up in one go per kind. */
    private Map<DocRef, List<Long>> documentsOf(List<DomainEvent> events) throws SQLException {
        Map<DocRef, List<Long>> eventsOf = new HashMap<>();
        Map<UUID, List<Long>> accounts = new HashMap<>();
        Map<UUID, List<Long>> opportunitiesWithActivities = new HashMap<>();
        Map<UUID, List<Long>> opportunitiesWithReaders = new HashMap<>();
        for (DomainEvent event : events) {
            UUID id = event.aggregateId();
            if (event.type().startsWith("activity.")) { // published on the activity's opportunity or account
                String activity =
                        JSON.readTree(event.payload()).path("activityId").asString(null);
                if (activity != null) {
                    add(eventsOf, new DocRef(DocType.ACTIVITY, UUID.fromString(activity)), event.id());
                }
                continue;
            }
            switch (event.aggregateType()) {
                case "Opportunity" -> {
                    add(eventsOf, new DocRef(DocType.OPPORTUNITY, id), event.id());
                    JsonNode changes = JSON.readTree(event.payload()).path("changes");
                    boolean whoSees = changesWhoSeesActivities(event, changes);
                    if (whoSees) {
                        opportunitiesWithActivities
                                .computeIfAbsent(id, k -> new ArrayList<>())
                                .add(event.id());
                    }
                    if (whoSees || event.type().endsWith(".created")) {
                        opportunitiesWithReaders
                                .computeIfAbsent(id, k -> new ArrayList<>())
                                .add(event.id());
                    }
                    for (JsonNode change : changes) {
                        String contact = change.path("contactId").asString(null);
                        if (contact != null) { // added to or removed from the deal: read with it, or no longer
                            add(eventsOf, new DocRef(DocType.CONTACT, UUID.fromString(contact)), event.id());
                        }
                    }
                }
                case "Account" -> {
                    add(eventsOf, new DocRef(DocType.ACCOUNT, id), event.id());
                    accounts.computeIfAbsent(id, k -> new ArrayList<>()).add(event.id());
                }
                case "Contact" -> add(eventsOf, new DocRef(DocType.CONTACT, id), event.id());
                default -> {
                    // tasks and other records are not searched
                }
            }
        }
        children(eventsOf, SearchSources.Children.ACTIVITIES_OF_OPPORTUNITIES, opportunitiesWithActivities);
        children(eventsOf, SearchSources.Children.OPPORTUNITIES_OF_ACCOUNTS, accounts);
        children(eventsOf, SearchSources.Children.CONTACTS_OF_ACCOUNTS, accounts);
        // an account's own activities and its opportunities' (they show the account's name and owner)
        children(eventsOf, SearchSources.Children.ACTIVITIES_OF_ACCOUNTS, accounts);
        // who works a deal reads its account, the account's contacts and own activities, and the deal's contacts
        children(eventsOf, SearchSources.Children.ACCOUNTS_OF_OPPORTUNITIES, opportunitiesWithReaders);
        children(eventsOf, SearchSources.Children.CONTACTS_OF_OPPORTUNITIES, opportunitiesWithReaders);
        children(eventsOf, SearchSources.Children.OWN_ACTIVITIES_OF_OPPORTUNITIES_ACCOUNTS, opportunitiesWithReaders);
        return eventsOf;
    }

    /**
     * An activity's document holds who may see it: the opportunity's owner and team. Other changes of the
     * opportunity (amount, description ...) leave its activities' documents as they are.
     */
    private static boolean changesWhoSeesActivities(DomainEvent event, JsonNode changes) {
        if (event.type().endsWith(".deleted") || event.type().endsWith(".restored")) {
            return true;
        }
        for (JsonNode change : changes) {
            String field = change.path("field").asString("");
            if (field.equals("owner") || field.equals("team")) {
                return true;
            }
        }
        return false;
    }

    private void children(Map<DocRef, List<Long>> eventsOf, SearchSources.Children kind, Map<UUID, List<Long>> parents)
            throws SQLException {
        DocType type = DocType.valueOf(kind.type().name());
        sources.children(kind, parents.keySet())
                .forEach((parent, children) -> children.forEach(id -> {
                    DocRef child = new DocRef(type, id);
                    parents.get(parent).forEach(event -> add(eventsOf, child, event));
                }));
    }

    private static void add(Map<DocRef, List<Long>> eventsOf, DocRef ref, long event) {
        eventsOf.computeIfAbsent(ref, r -> new ArrayList<>()).add(event);
    }
}
