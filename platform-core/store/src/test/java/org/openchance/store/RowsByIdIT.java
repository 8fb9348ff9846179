package org.openchance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchance.store.account.AccountRow;
import org.openchance.store.opportunity.OpportunityRepository;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.RowsById;
import org.openchance.store.user.UserRepository;
import org.openchance.store.user.UserRow;
import org.openchance.testkit.RealServices;
import org.openchance.testkit.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/** The fast read path gives the very rows the repositories give, every column of every mapped type. */
@RealServices
class RowsByIdIT {

    private static Store store;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start(TestDatabase db) {
        dataSource = db.dataSource();
        store = Store.start(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void opportunitiesAccountsAndUsersReadAsTheRepositoriesReadThem() {
        UserRow owner =
                store.repository(UserRepository.class).save(UserRow.newEmployee("Olga Owner", "olga@example.com"));
        UUID account = UUID.randomUUID();
        jdbc.update(
                "insert into account (id, name, match_key, industry, employee_count, annual_revenue,"
                        + " annual_revenue_currency, website, country, owner_id) values (?, 'Müller GmbH', 'muller gmbh',"
                        + " 'Maschinenbau', 850, 1234567.8900, 'EUR', 'https://mueller.example', 'DE', ?)",
                account,
                owner.id());
        UUID stage = jdbc.queryForObject("select id from stage order by position limit 1", UUID.class);
        UUID pipeline = jdbc.queryForObject("select pipeline_id from stage where id = ?", UUID.class, stage);
        UUID full = UUID.randomUUID();
        UUID sparse = UUID.randomUUID();
        jdbc.update("""
                insert into opportunity (id, name, account_id, description, amount, amount_currency, budget, budget_currency,
                    probability, probability_manual, expected_close_date, pipeline_id, stage_id, forecast_category, status,
                    owner_id, closed_at, close_reasons, winning_competitor_id, close_note, competitor_count,
                    resource_availability, resources_available_from, deleted_at)
                values (?, 'Fräsen', ?, 'Beschreibung', 120000.5000, 'EUR', 90000, 'EUR', 60, true, '2027-02-01', ?, ?,
                    'PIPELINE', 'LOST', ?, '2026-11-01', '{Price,"Lost to competitor"}', 'competitor-7', 'zu teuer', 3,
                    'MEDIUM', '2027-03-01', now())""", full, account, pipeline, stage, owner.id());
        jdbc.update(
                "insert into opportunity (id, name, account_id, probability, pipeline_id, stage_id, forecast_category,"
                        + " status, owner_id) values (?, 'Leer', ?, 10, ?, ?, 'PIPELINE', 'OPEN', ?)",
                sparse,
                account,
                pipeline,
                stage,
                owner.id());

        List<UUID> ids = List.of(full, sparse, UUID.randomUUID());
        assertThat(new RowsById<>(dataSource, "opportunity", OpportunityRow.class).find(ids))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(
                        store.repository(OpportunityRepository.class).findByIdIn(ids));
        assertThat(new RowsById<>(dataSource, "opportunity", OpportunityRow.class)
                        .find(List.of(full))
                        .get(0)
                        .closeReasons())
                .containsExactly("Price", "Lost to competitor");
        assertThat(new RowsById<>(dataSource, "account", AccountRow.class).find(List.of(account)))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(store.repository(org.openchance.store.account.AccountRepository.class)
                        .findByIdIn(List.of(account)));
        assertThat(new RowsById<>(dataSource, "app_user", UserRow.class).find(List.of(owner.id())))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(
                        store.repository(UserRepository.class).findByIdIn(List.of(owner.id())));
        assertThat(new RowsById<>(dataSource, "account", AccountRow.class).find(List.of()))
                .isEmpty();
    }
}
