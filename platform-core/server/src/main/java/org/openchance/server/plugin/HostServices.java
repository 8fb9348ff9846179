package org.openchance.server.plugin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.openchance.api.event.EventTypes;
import org.openchance.api.host.ActivityLog;
import org.openchance.api.host.ClosedDealGrouping;
import org.openchance.api.host.ClosedDealGroups;
import org.openchance.api.host.ClosedDealKeyTable;
import org.openchance.api.host.ClosedDealQuery;
import org.openchance.api.host.EventPublisher;
import org.openchance.api.host.OpportunityReader;
import org.openchance.api.host.OpportunityUpdates;
import org.openchance.api.host.PluginSettings;
import org.openchance.api.host.RecordAccess;
import org.openchance.api.model.AccountSnapshot;
import org.openchance.api.model.ActivitySnapshot;
import org.openchance.api.model.ClosedOpportunity;
import org.openchance.api.model.ContactSnapshot;
import org.openchance.api.model.Money;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.model.UserSnapshot;
import org.openchance.pluginhost.PluginFramework;
import org.openchance.pluginhost.PluginStorageFactory;
import org.openchance.server.account.VisibleAccounts;
import org.openchance.server.activity.ActivityService;
import org.openchance.server.event.DomainEvents;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.MoneyInput;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.QueryInputException;
import org.openchance.server.graphql.UserError;
import org.openchance.server.graphql.UserErrorException;
import org.openchance.server.money.ReportingCurrency;
import org.openchance.server.opportunity.OpportunityService;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.server.scoring.Snapshots;
import org.openchance.server.user.CurrentUser;
import org.openchance.store.activity.ActivityQueries;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.opportunity.ClosedOpportunityQuery;
import org.openchance.store.opportunity.OpportunityContactRepository;
import org.openchance.store.opportunity.OpportunityContactRow;
import org.openchance.store.opportunity.OpportunityFilter;
import org.openchance.store.opportunity.OpportunityQueries;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.OpportunitySort;
import org.openchance.store.opportunity.OpportunityStatus;
import org.openchance.store.opportunity.QuotedDiscounts;
import org.openchance.store.page.PageRequest;
import org.openchance.store.page.SortKey;
import org.openchance.store.user.UserRepository;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The host's services for plugins, registered in the plugin framework: {@link OpportunityReader},
 * {@link OpportunityUpdates}, {@link ActivityLog}, {@link EventPublisher} and, per plugin, {@link PluginSettings}. They go through the same services as the API, and read
 * as the user of the request the plugin answers (a plugin's field); background work (events, sweeps) reads as the
 * system.
 */
@Component
class HostServices implements SmartInitializingSingleton, DisposableBean {

    private static final List<SortKey> BY_CLOSE_DATE =
            List.of(OpportunitySort.CLOSE_DATE.key(false), SortKey.id(false));

    private final PluginFramework framework;
    private final VisibleOpportunities visible;
    private final CurrentUser currentUser;
    private final OpportunityQueries queries;
    private final Snapshots snapshots;
    private final ActivityService activities;
    private final PluginSettingsService settings;
    private final VisibleAccounts accounts;
    private final ActivityQueries activityQueries;
    private final ClosedOpportunityQuery closed;
    private final OpportunityService opportunityService;
    private final ReportingCurrency reporting;
    private final Related related;
    private final DomainEvents events;
    private final QuotedDiscounts discounts;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    HostServices(
            PluginFramework framework,
            VisibleOpportunities visible,
            CurrentUser currentUser,
            OpportunityQueries queries,
            Snapshots snapshots,
            ActivityService activities,
            PluginSettingsService settings,
            VisibleAccounts accounts,
            ActivityQueries activityQueries,
            ClosedOpportunityQuery closed,
            ReportingCurrency reporting,
            OpportunityService opportunityService,
            Related related,
            DomainEvents events,
            QuotedDiscounts discounts) {
        this.framework = framework;
        this.visible = visible;
        this.currentUser = currentUser;
        this.queries = queries;
        this.snapshots = snapshots;
        this.activities = activities;
        this.settings = settings;
        this.accounts = accounts;
        this.activityQueries = activityQueries;
        this.closed = closed;
        this.opportunityService = opportunityService;
        this.reporting = reporting;
        this.related = related;
        this.events = events;
        this.discounts = discounts;
    }

    /** The repositories the reader needs beyond the opportunity's own: its contacts and users. */
    @Component
    record Related(
            OpportunityContactRepository opportunityContacts, ContactRepository contacts, UserRepository users) {}

    @Override
    public void afterSingletonsInstantiated() {
        BundleContext context = framework.framework().getBundleContext();
        // one reader per plugin: it knows the plugin's own schema, the only one whose key tables it joins
        registrations.add(context.registerService(
                OpportunityReader.class,
                new ServiceFactory<OpportunityReader>() {
                    @Override
                    public OpportunityReader getService(
                            Bundle bundle, ServiceRegistration<OpportunityReader> registration) {
                        return new Reader(PluginStorageFactory.schemaOf(bundle.getSymbolicName()));
                    }

                    @Override
                    public void ungetService(
                            Bundle bundle,
                            ServiceRegistration<OpportunityReader> registration,
                            OpportunityReader service) {
                        // nothing held
                    }
                },
                null));
        registrations.add(context.registerService(ActivityLog.class, this::log, null));
        registrations.add(context.registerService(OpportunityUpdates.class, new Updates(), null));
        registrations.add(context.registerService(EventPublisher.class, this::publish, null));
        registrations.add(context.registerService(
                PluginSettings.class,
                new ServiceFactory<PluginSettings>() {
                    @Override
                    public PluginSettings getService(Bundle bundle, ServiceRegistration<PluginSettings> registration) {
                        return () -> settings.of(bundle.getSymbolicName());
                    }

                    @Override
                    public void ungetService(
                            Bundle bundle, ServiceRegistration<PluginSettings> registration, PluginSettings service) {
                        // nothing held
                    }
                },
                null));
    }

    @Override
    public void destroy() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework stopped first
            }
        }
    }

    private final class Updates implements OpportunityUpdates {

        @Override
        public void setCompetitorCount(UUID opportunityId, int count) {
            try {
                opportunityService.setCompetitorCount(opportunityId, count);
            } catch (UserErrorException e) {
                throw refused(e);
            }
        }

        @Override
        public void setAgreedAmount(UUID opportunityId, Money amount, boolean closeWon, String note) {
            if (visible.live(opportunityId).isEmpty()) {
                throw new IllegalArgumentException("NOT_FOUND: no such opportunity");
            }
            try {
                opportunityService.agreeAmount(
                        opportunityId, new MoneyInput(amount.amount(), amount.currency()), closeWon, note);
            } catch (UserErrorException e) {
                throw refused(e);
            }
        }

        @Override
        public void setQuotedDiscount(UUID opportunityId, BigDecimal percent) {
            if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
                throw new IllegalArgumentException("VALIDATION: a discount is 0 to 100 percent, not " + percent);
            }
            if (visible.live(opportunityId).isEmpty()) {
                throw new IllegalArgumentException("NOT_FOUND: no such opportunity");
            }
            try {
                visible.requireEdit(
                        opportunityId, "id", "the opportunity", "you may read this opportunity, not change it");
            } catch (UserErrorException e) {
                throw refused(e);
            }
            discounts.set(
                    opportunityId,
                    percent == null ? null : percent.setScale(4, RoundingMode.HALF_UP),
                    currentUser.id().orElse(null),
                    Instant.now());
        }
    }

    private static IllegalArgumentException refused(UserErrorException e) {
        return new IllegalArgumentException(
                e.errors().stream().map(UserError::toString).toList().toString());
    }

    /** A plugin's own event: only the types plugins publish, so no plugin can forge the host's. */
    private long publish(String type, String aggregateType, UUID aggregateId, Map<String, ?> payload) {
        if (!EventTypes.PLUGIN_TYPES.contains(type)) {
            throw new IllegalArgumentException("plugins publish only " + EventTypes.PLUGIN_TYPES + ", not " + type);
        }
        if (aggregateType == null || !aggregateType.matches("[A-Z][A-Za-z]{0,63}") || aggregateId == null) {
            throw new IllegalArgumentException("aggregateType (e.g. Quote) and aggregateId are required");
        }
        return events.publish(type, aggregateType, aggregateId, payload == null ? Map.of() : payload);
    }

    private UUID log(UUID opportunityId, String type, String subject, String body) {
        try {
            return activities
                    .log(new ActivityService.LogActivityInput(
                            GlobalId.of("Opportunity", opportunityId), null, type, subject, body, null, null, null))
                    .id();
        } catch (UserErrorException e) {
            throw refused(e);
        }
    }

    private final class Reader implements OpportunityReader {

        /** The calling plugin's own schema. */
        private final String schema;

        Reader(String schema) {
            this.schema = schema;
        }

        @Override
        public Optional<AccountSnapshot> account(UUID id) {
            return accounts.ofReadableDeal(id).map(a -> AccountSnapshot.builder()
                    .id(a.id())
                    .name(a.name())
                    .industry(a.industry())
                    .employeeCount(a.employeeCount())
                    .annualRevenue(MoneyInput.output(a.annualRevenue(), a.annualRevenueCurrency()))
                    .website(a.website())
                    .country(a.country())
                    .ownerId(a.ownerId())
                    .build());
        }

        /** The deal's latest activities, if the user the plugin acts for may see the deal (else none). */
        @Override
        public List<ActivitySnapshot> activities(UUID opportunityId, int limit) {
            if (limit < 1 || limit > 100) {
                throw new IllegalArgumentException("limit must be 1 to 100, not " + limit);
            }
            if (visible.live(opportunityId).isEmpty()) {
                return List.of();
            }
            return activityQueries.latest(opportunityId, limit);
        }

        /** The primary contact (a role that says so) first, then by name. */
        @Override
        public List<ContactSnapshot> contacts(UUID opportunityId) {
            if (opportunityId == null || visible.live(opportunityId).isEmpty()) {
                return List.of();
            }
            List<OpportunityContactRow> links =
                    related.opportunityContacts().findByKeyOpportunityIdIn(List.of(opportunityId));
            Map<UUID, String> roles = new java.util.HashMap<>();
            links.forEach(l -> roles.put(l.key().contactId(), l.role()));
            return related.contacts().findByIdIn(roles.keySet()).stream()
                    .filter(c -> c.deletedAt() == null)
                    .sorted(Comparator.comparing((ContactRow c) -> !roles.get(c.id())
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .contains("primary"))
                            .thenComparing(ContactRow::lastName)
                            .thenComparing(ContactRow::id))
                    .map(c -> ContactSnapshot.of(
                            c.id(), c.firstName(), c.lastName(), c.title(), c.email(), c.phone(), roles.get(c.id())))
                    .toList();
        }

        @Override
        public Optional<UserSnapshot> user(UUID userId) {
            return userId == null
                    ? Optional.empty()
                    : related.users().findById(userId).map(u -> UserSnapshot.of(u.id(), u.name(), u.email()));
        }

        @Override
        public Optional<OpportunitySnapshot> opportunity(UUID id) {
            return visible.live(id).map(o -> snapshots.of(List.of(o)).get(o));
        }

        @Override
        public RecordAccess access(UUID opportunityId) {
            if (opportunityId == null || visible.live(opportunityId).isEmpty()) {
                return RecordAccess.NONE;
            }
            return switch (visible.accessTo(opportunityId)) {
                case EDIT -> RecordAccess.EDIT;
                case READ -> RecordAccess.READ;
                case NONE -> RecordAccess.NONE;
            };
        }

        @Override
        public void closedOpportunities(ClosedDealQuery query, Consumer<ClosedOpportunity> each) {
            closed.forEach(currentUser.viewer(), query, reporting.code(), each);
        }

        @Override
        public ClosedDealGroups closedTotals(ClosedDealQuery query, ClosedDealGrouping by) {
            return closed.totals(currentUser.viewer(), query, by, reporting.code());
        }

        @Override
        public ClosedDealGroups closedTotals(ClosedDealQuery query, Map<UUID, ? extends Collection<String>> keys) {
            return closed.totals(currentUser.viewer(), query, keys, reporting.code());
        }

        @Override
        public ClosedDealGroups closedTotals(ClosedDealQuery query, ClosedDealKeyTable keys) {
            return closed.totals(currentUser.viewer(), query, schema, keys, reporting.code());
        }

        @Override
        public String reportingCurrency() {
            return reporting.code();
        }

        @Override
        public Page opportunities(String status, UUID ownerId, int first, String after) {
            OpportunityFilter filter = new OpportunityFilter(
                    status == null ? null : OpportunityStatus.valueOf(status),
                    null,
                    ownerId == null ? null : List.of(ownerId),
                    null,
                    null,
                    null,
                    null,
                    null,
                    false);
            if (first < 1 || first > 100) {
                throw new IllegalArgumentException("first must be 1 to 100, not " + first);
            }
            try {
                PageRequest page = Pages.request("hostOpportunities", BY_CLOSE_DATE, first, after);
                Connection<OpportunityRow> rows = Pages.connection(
                        "hostOpportunities",
                        page,
                        queries.page(currentUser.viewer(), filter, page),
                        visible::find,
                        OpportunityRow::id,
                        () -> 0);
                List<OpportunityRow> list =
                        rows.edges().stream().map(Connection.Edge::node).toList();
                Map<OpportunityRow, OpportunitySnapshot> byRow = snapshots.of(list);
                return new Page(
                        list.stream().map(byRow::get).toList(),
                        rows.pageInfo().endCursor(),
                        rows.pageInfo().hasNextPage());
            } catch (QueryInputException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
