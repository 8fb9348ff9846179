package org.openchance.server.config;

import javax.sql.DataSource;
import org.openchance.server.plugin.PluginDataSources;
import org.openchance.store.Store;
import org.openchance.store.access.AccountAccess;
import org.openchance.store.access.OpportunityAccess;
import org.openchance.store.account.AccountQueries;
import org.openchance.store.account.AccountRepository;
import org.openchance.store.account.AccountRow;
import org.openchance.store.activity.ActivityContactRepository;
import org.openchance.store.activity.ActivityQueries;
import org.openchance.store.activity.ActivityRepository;
import org.openchance.store.activity.Attachments;
import org.openchance.store.contact.ContactQueries;
import org.openchance.store.contact.ContactRepository;
import org.openchance.store.contact.ContactRow;
import org.openchance.store.event.Outbox;
import org.openchance.store.event.Retention;
import org.openchance.store.forecast.ForecastDeals;
import org.openchance.store.forecast.ForecastSnapshots;
import org.openchance.store.forecast.Quotas;
import org.openchance.store.history.HistoryFirstPages;
import org.openchance.store.history.RecordHistoryRepository;
import org.openchance.store.lead.LeadQueries;
import org.openchance.store.lead.LeadRepository;
import org.openchance.store.money.ExchangeRates;
import org.openchance.store.opportunity.ClosedOpportunityQuery;
import org.openchance.store.opportunity.HistoryRepository;
import org.openchance.store.opportunity.OpportunityAsOf;
import org.openchance.store.opportunity.OpportunityContactRepository;
import org.openchance.store.opportunity.OpportunityQueries;
import org.openchance.store.opportunity.OpportunityRepository;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.opportunity.QuotedDiscounts;
import org.openchance.store.opportunity.TeamMemberRepository;
import org.openchance.store.page.KeysetQuery;
import org.openchance.store.page.RowsById;
import org.openchance.store.pipeline.PipelineChanges;
import org.openchance.store.pipeline.PipelineRepository;
import org.openchance.store.pipeline.PipelineSummaryQuery;
import org.openchance.store.plugin.PluginSettingStore;
import org.openchance.store.plugin.PluginSwitchStore;
import org.openchance.store.request.IdempotencyKeys;
import org.openchance.store.scoring.ScoreStore;
import org.openchance.store.security.AuditLog;
import org.openchance.store.security.CredentialStore;
import org.openchance.store.task.TaskQueries;
import org.openchance.store.task.TaskRepository;
import org.openchance.store.user.UserQueries;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.openchance.store.webhook.WebhookStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the Micronaut Data repositories, over Spring's data source and transactions, as Spring beans. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    Store store(DataSource dataSource) {
        return Store.start(dataSource);
    }

    @Bean
    RecordHistoryRepository recordHistoryRepository(Store store) {
        return store.repository(RecordHistoryRepository.class);
    }

    @Bean
    UserRepository userRepository(Store store) {
        return store.repository(UserRepository.class);
    }

    @Bean
    AccountRepository accountRepository(Store store) {
        return store.repository(AccountRepository.class);
    }

    @Bean
    PipelineRepository pipelineRepository(Store store) {
        return store.repository(PipelineRepository.class);
    }

    @Bean
    OpportunityRepository opportunityRepository(Store store) {
        return store.repository(OpportunityRepository.class);
    }

    @Bean
    TeamMemberRepository teamMemberRepository(Store store) {
        return store.repository(TeamMemberRepository.class);
    }

    @Bean
    HistoryRepository historyRepository(Store store) {
        return store.repository(HistoryRepository.class);
    }

    @Bean
    ActivityRepository activityRepository(Store store) {
        return store.repository(ActivityRepository.class);
    }

    @Bean
    ActivityContactRepository activityContactRepository(Store store) {
        return store.repository(ActivityContactRepository.class);
    }

    @Bean
    Attachments attachments(DataSource dataSource) {
        return new Attachments(dataSource);
    }

    @Bean
    TaskRepository taskRepository(Store store) {
        return store.repository(TaskRepository.class);
    }

    @Bean
    ContactRepository contactRepository(Store store) {
        return store.repository(ContactRepository.class);
    }

    @Bean
    OpportunityContactRepository opportunityContactRepository(Store store) {
        return store.repository(OpportunityContactRepository.class);
    }

    @Bean
    LeadRepository leadRepository(Store store) {
        return store.repository(LeadRepository.class);
    }

    @Bean
    HistoryFirstPages historyFirstPages(DataSource dataSource) {
        return new HistoryFirstPages(dataSource);
    }

    @Bean
    KeysetQuery keysetQuery(DataSource dataSource) {
        return new KeysetQuery(dataSource);
    }

    @Bean
    PipelineChanges pipelineChanges(DataSource dataSource) {
        return new PipelineChanges(dataSource);
    }

    @Bean
    ExchangeRates exchangeRates(DataSource dataSource) {
        return new ExchangeRates(dataSource);
    }

    @Bean
    ForecastDeals forecastDeals(DataSource dataSource) {
        return new ForecastDeals(dataSource);
    }

    @Bean
    ForecastSnapshots forecastSnapshots(DataSource dataSource) {
        return new ForecastSnapshots(dataSource);
    }

    @Bean
    Quotas quotas(DataSource dataSource) {
        return new Quotas(dataSource);
    }

    @Bean
    ClosedOpportunityQuery closedOpportunityQuery(
            DataSource dataSource, ObjectProvider<PluginDataSources> pluginDataSources) {
        // a plugin's key table is read over the plugin's own connections (its role), never the server's
        return new ClosedOpportunityQuery(
                dataSource, schema -> pluginDataSources.getObject().dataSourceOf(schema));
    }

    @Bean
    IdempotencyKeys idempotencyKeys(DataSource dataSource) {
        return new IdempotencyKeys(dataSource);
    }

    @Bean
    QuotedDiscounts quotedDiscounts(DataSource dataSource) {
        return new QuotedDiscounts(dataSource);
    }

    @Bean
    PipelineSummaryQuery pipelineSummaryQuery(DataSource dataSource) {
        return new PipelineSummaryQuery(dataSource);
    }

    @Bean
    OpportunityAsOf opportunityAsOf(KeysetQuery keysetQuery, DataSource dataSource) {
        return new OpportunityAsOf(keysetQuery, dataSource);
    }

    @Bean
    OpportunityQueries opportunityQueries(KeysetQuery keysetQuery, DataSource dataSource) {
        return new OpportunityQueries(keysetQuery, dataSource);
    }

    @Bean
    AccountQueries accountQueries(KeysetQuery keysetQuery) {
        return new AccountQueries(keysetQuery);
    }

    @Bean
    ContactQueries contactQueries(KeysetQuery keysetQuery) {
        return new ContactQueries(keysetQuery);
    }

    @Bean
    ActivityQueries activityQueries(KeysetQuery keysetQuery, DataSource dataSource) {
        return new ActivityQueries(keysetQuery, dataSource);
    }

    @Bean
    TaskQueries taskQueries(KeysetQuery keysetQuery, DataSource dataSource) {
        return new TaskQueries(keysetQuery, dataSource);
    }

    @Bean
    LeadQueries leadQueries(KeysetQuery keysetQuery) {
        return new LeadQueries(keysetQuery);
    }

    @Bean
    UserQueries userQueries(KeysetQuery keysetQuery, DataSource dataSource) {
        return new UserQueries(keysetQuery, dataSource);
    }

    @Bean
    Outbox outbox(DataSource dataSource) {
        return new Outbox(dataSource);
    }

    @Bean
    Retention retention(DataSource dataSource, @Value("${openchance.retention.batch:5000}") int batch) {
        return new Retention(dataSource, batch);
    }

    @Bean
    WebhookStore webhookStore(DataSource dataSource) {
        return new WebhookStore(dataSource);
    }

    @Bean
    PluginSettingStore pluginSettingStore(DataSource dataSource) {
        return new PluginSettingStore(dataSource);
    }

    @Bean
    PluginSwitchStore pluginSwitchStore(DataSource dataSource) {
        return new PluginSwitchStore(dataSource);
    }

    @Bean
    ScoreStore scoreStore(DataSource dataSource) {
        return new ScoreStore(dataSource);
    }

    @Bean
    OpportunityAccess opportunityAccess(DataSource dataSource) {
        return new OpportunityAccess(dataSource);
    }

    @Bean
    AccountAccess accountAccess(DataSource dataSource) {
        return new AccountAccess(dataSource);
    }

    @Bean
    CredentialStore credentialStore(DataSource dataSource) {
        return new CredentialStore(dataSource);
    }

    @Bean
    AuditLog auditLog(KeysetQuery keysetQuery, DataSource dataSource) {
        return new AuditLog(keysetQuery, dataSource);
    }

    // The read paths of pages and data loaders (see RowsById); the repositories write.

    @Bean
    RowsById<OpportunityRow> opportunityRows(DataSource dataSource) {
        return new RowsById<>(dataSource, "opportunity", OpportunityRow.class);
    }

    @Bean
    RowsById<AccountRow> accountRows(DataSource dataSource) {
        return new RowsById<>(dataSource, "account", AccountRow.class);
    }

    @Bean
    RowsById<ContactRow> contactRows(DataSource dataSource) {
        return new RowsById<>(dataSource, "contact", ContactRow.class);
    }

    @Bean
    RowsById<UserRow> userRows(DataSource dataSource) {
        return new RowsById<>(dataSource, "app_user", UserRow.class);
    }
}
