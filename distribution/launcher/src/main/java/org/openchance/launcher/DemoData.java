package org.openchance.launcher;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.openchance.store.account.MatchKey;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A small sales team with German and English accounts and opportunities in every stage of the default pipeline,
 * open and closed (won and lost, with reasons) over the last two years. Seeded, so every start shows the same data.
 * Only ever written into an empty database.
 */
final class DemoData {

    private static final UUID PIPELINE = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final String[] OPEN_STAGES = {"101", "102", "103", "104", "105"};
    private static final int[] OPEN_PROBABILITIES = {10, 20, 40, 60, 80};
    private static final String[] OPEN_CATEGORIES = {"PIPELINE", "PIPELINE", "PIPELINE", "BEST_CASE", "COMMIT"};
    private static final String[][] ACCOUNTS = {
        {"Müller Maschinenbau GmbH", "Machinery", "850", "Germany"},
        {"Schäfer & Söhne KG", "Wholesale", "120", "Germany"},
        {"Bäckerei Groß AG", "Food", "2300", "Germany"},
        {"Stadtwerke Würzburg", "Utilities", "1400", "Germany"},
        {"Kühne Logistik SE", "Logistics", "5200", "Germany"},
        {"Österreichische Bahnen Holding", "Transport", "9000", "Austria"},
        {"Zürcher Präzision AG", "Machinery", "310", "Switzerland"},
        {"Northwind Traders Ltd", "Retail", "640", "United Kingdom"},
        {"Contoso Pharmaceuticals", "Pharma", "12000", "United States"},
        {"Fabrikam Energy plc", "Utilities", "3100", "United Kingdom"},
        {"Blue Yonder Airlines", "Transport", "7800", "United States"},
        {"Tailspin Toys Inc.", "Retail", "95", "Canada"},
    };
    private static final String[] DEALS = {"ERP rollout", "Service contract", "Line automation", "Fleet telematics",
        "Data platform", "Maintenance renewal", "Pilot project", "Expansion phase 2"};
    private static final String[] LOST_REASONS = {"Price", "Lost to competitor", "Missing features", "No budget", "No decision", "Timing"};
    private static final String[] WON_REASONS = {"Product fit", "Price", "Relationship"};

    private DemoData() {
    }

    /** @return how many records were created; 0 when the database already had data */
    static int seedIfEmpty(ApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        return context.getBean(TransactionTemplate.class).execute(status -> {
            if (jdbc.queryForObject("select count(*) from app_user", Integer.class) > 0) {
                return 0;
            }
            return seed(jdbc, new Random(20261127));
        });
    }

    private static int seed(JdbcTemplate jdbc, Random random) {
        UUID head = user(jdbc, "Sabine Krüger", "sabine.krueger@example.com", "EMPLOYEE", null, null);
        List<UUID> owners = List.of(head,
                user(jdbc, "Jonas Müller", "jonas.mueller@example.com", "EMPLOYEE", null, head),
                user(jdbc, "Aylin Şahin", "aylin.sahin@example.com", "EMPLOYEE", null, head),
                user(jdbc, "Oliver Bennett", "oliver.bennett@example.com", "EMPLOYEE", null, head));
        UUID partner = user(jdbc, "Marco Rossi", "marco.rossi@partner-consulting.example", "PARTNER",
                "Partner Consulting GmbH", null);
        int records = owners.size() + 1;

        LocalDate today = LocalDate.now();
        for (String[] a : ACCOUNTS) {
            UUID account = UUID.randomUUID();
            UUID owner = owners.get(random.nextInt(owners.size()));
            jdbc.update("insert into account (id, name, match_key, industry, employee_count, country, owner_id) values (?, ?, ?, ?, ?, ?, ?)",
                    account, a[0], MatchKey.of(a[0]), a[1], Integer.parseInt(a[2]), a[3], owner);
            records++;
            int deals = 2 + random.nextInt(4);
            for (int d = 0; d < deals; d++) {
                records += opportunity(jdbc, random, account, a[0], owners.get(random.nextInt(owners.size())), partner, today);
            }
        }
        return records;
    }

    private static int opportunity(JdbcTemplate jdbc, Random random, UUID account, String accountName, UUID owner,
                                   UUID partner, LocalDate today) {
        UUID id = UUID.randomUUID();
        String name = DEALS[random.nextInt(DEALS.length)] + " " + accountName.split(" ")[0];
        BigDecimal amount = BigDecimal.valueOf(5_000 + random.nextInt(400) * 1_000L);
        Instant created = today.minusDays(30 + random.nextInt(700)).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        int outcome = random.nextInt(10); // 0-2 won, 3-5 lost, 6-9 open
        List<Object> values = new ArrayList<>(List.of(id, name, account, amount, "EUR", amount.multiply(BigDecimal.valueOf(1.1)), "EUR"));
        if (outcome >= 6) {
            int stage = random.nextInt(OPEN_STAGES.length);
            values.addAll(List.of(OPEN_PROBABILITIES[stage], Date.valueOf(today.plusDays(10 + random.nextInt(200))),
                    stageId(OPEN_STAGES[stage]), OPEN_CATEGORIES[stage], "OPEN"));
            values.add(null);
            values.add(new String[0]);
            values.add(null);
        } else {
            boolean won = outcome <= 2;
            LocalDate closed = LocalDate.ofInstant(created, java.time.ZoneOffset.UTC).plusDays(20 + random.nextInt(120));
            if (closed.isAfter(today)) {
                closed = today.minusDays(random.nextInt(10));
            }
            String[] reasons = won ? new String[] {WON_REASONS[random.nextInt(WON_REASONS.length)]}
                    : new String[] {LOST_REASONS[random.nextInt(LOST_REASONS.length)]};
            values.addAll(List.of(won ? 100 : 0, Date.valueOf(closed), stageId(won ? "106" : "107"),
                    won ? "CLOSED" : "OMITTED", won ? "WON" : "LOST"));
            values.add(Date.valueOf(closed));
            values.add(reasons);
            values.add(won ? null : stageId(OPEN_STAGES[2 + random.nextInt(3)]));
        }
        values.addAll(List.of(owner, Timestamp.from(created), Timestamp.from(created.plus(3, ChronoUnit.DAYS))));
        jdbc.update("""
                insert into opportunity (id, name, account_id, amount, amount_currency, budget, budget_currency, probability,
                  expected_close_date, stage_id, forecast_category, status, closed_at, close_reasons, lost_at_stage_id,
                  owner_id, created_at, updated_at, stage_entered_at, pipeline_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)""",
                append(values.toArray(), PIPELINE));
        int records = 1;
        if (random.nextInt(3) == 0) {
            jdbc.update("insert into opportunity_team_member (opportunity_id, user_id, role) values (?, ?, 'Implementation partner')",
                    id, partner);
            records++;
        }
        return records;
    }

    private static UUID user(JdbcTemplate jdbc, String name, String email, String kind, String company, UUID manager) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into app_user (id, name, email, kind, company, manager_id) values (?, ?, ?, ?, ?, ?)",
                id, name, email, kind, company, manager);
        return id;
    }

    private static UUID stageId(String suffix) {
        return UUID.fromString("00000000-0000-4000-8000-000000000" + suffix);
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }
}
