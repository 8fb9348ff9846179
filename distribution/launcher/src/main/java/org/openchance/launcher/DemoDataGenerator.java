package org.openchance.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.openchance.store.account.MatchKey;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Demo data for a sales team: German and English accounts with contacts, opportunities in every stage of the default
 * pipeline and of a second one for renewals (with stage rules and its own close reasons) over the last two years, open and closed (won and lost, with reasons and the stage a deal was lost at),
 * external partners on teams, the stage moves and close of every deal in its history, a timeline of calls, e-mails,
 * meetings and more per deal, follow-up tasks on open deals, and a few leads.
 *
 * <p>One generator for every size: the launcher's small default set (5 users, 12 accounts) and large sets for
 * benchmarks (100,000 opportunities and more). Seeded, so the same size always gives the same data (ids included).
 * Rows go in with {@code COPY} in chunks, in the caller's transaction; only ever into an empty database.
 */
final class DemoDataGenerator {

    /** The size of the launcher's default demo set. */
    static final int DEFAULT_OPPORTUNITIES = 55;
    /** The seed of the launcher's default set: every start with demo data shows the same data. */
    static final long DEFAULT_SEED = 20261127;

    /** Every demo user signs in with this password (documented in the README and the startup summary). */
    static final String DEMO_PASSWORD = "openchance";

    /** The demo users' admin, who also manages the sales team. */
    static final String DEMO_ADMIN = "sabine.krueger@example.com";

    /** Hashed once per run (bcrypt takes a moment), in Spring Security's format. */
    private static final Supplier<String> DEMO_PASSWORD_HASH = memoize(
            () -> PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(DEMO_PASSWORD));

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * A pipeline the deals go through: its open stages in order with their probability and forecast category, its
     * won and lost stage, and its close reasons.
     */
    private record Process(
            UUID pipeline,
            UUID[] stages,
            int[] probabilities,
            String[] categories,
            UUID won,
            UUID lost,
            String[] wonReasons,
            String[] lostReasons) {}

    /** The default pipeline, as the migrations ship it. */
    private static final Process SALES = new Process(
            UUID.fromString("00000000-0000-4000-8000-000000000001"),
            new UUID[] {stage("101"), stage("102"), stage("103"), stage("104"), stage("105")},
            new int[] {10, 20, 40, 60, 80},
            new String[] {"PIPELINE", "PIPELINE", "PIPELINE", "BEST_CASE", "COMMIT"},
            stage("106"),
            stage("107"),
            new String[] {"Product fit", "Price", "Relationship"},
            new String[] {"Price", "Lost to competitor", "Missing features", "No budget", "No decision", "Timing"});

    /** A second pipeline the generator configures, for the renewals of existing customers (one deal in six). */
    private static final Process RENEWALS = new Process(
            UUID.fromString("00000000-0000-4000-8000-000000000002"),
            new UUID[] {stage("201"), stage("202"), stage("203")},
            new int[] {30, 60, 90},
            new String[] {"PIPELINE", "BEST_CASE", "COMMIT"},
            stage("204"),
            stage("205"),
            new String[] {"Satisfied customer", "Price"},
            new String[] {"Price", "Moved to competitor", "No longer needed"});

    private static final int CHUNK = 1_000;

    /** The demo's competitors (the competitors plugin gives them their SWOT when the demo data asks it to). */
    static final String[] COMPETITORS = {
        "Kompressorenwerk Nord GmbH",
        "AirTec Solutions Ltd",
        "Druckluft Meier AG",
        "Schraubtechnik Süd GmbH",
        "Vento Industrial S.p.A.",
        "Pneumatik Partner KG",
        "NordAir Service GmbH",
        "CompressCo Inc.",
        "Hansa Kompressoren GmbH",
        "EuroFlow Systems BV",
        "Bergmann Anlagenbau GmbH",
        "Atlas Druck & Service"
    };

    private static final String[][] NAMED_ACCOUNTS = {
        {"Müller Maschinenbau GmbH", "Machinery", "850", "Germany", "mueller-maschinenbau.de"},
        {"Schäfer & Söhne KG", "Wholesale", "120", "Germany", "schaefer-soehne.de"},
        {"Bäckerei Groß AG", "Food", "2300", "Germany", "baeckerei-gross.de"},
        {"Stadtwerke Würzburg", "Utilities", "1400", "Germany", "stadtwerke-wuerzburg.de"},
        {"Kühne Logistik SE", "Logistics", "5200", "Germany", "kuehne-logistik.de"},
        {"Österreichische Bahnen Holding", "Transport", "9000", "Austria", "oebh.at"},
        {"Zürcher Präzision AG", "Machinery", "310", "Switzerland", "zuercher-praezision.ch"},
        {"Northwind Traders Ltd", "Retail", "640", "United Kingdom", "northwind.example"},
        {"Contoso Pharmaceuticals", "Pharma", "12000", "United States", "contoso.example"},
        {"Fabrikam Energy plc", "Utilities", "3100", "United Kingdom", "fabrikam.example"},
        {"Blue Yonder Airlines", "Transport", "7800", "United States", "blueyonder.example"},
        {"Tailspin Toys Inc.", "Retail", "95", "Canada", "tailspin.example"},
    };
    private static final String[] GERMAN_NAMES = {
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Bauer",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Zimmermann",
        "Braun",
        "Krüger",
        "Hartmann",
        "Lange",
        "Werner",
        "Krause",
        "Köhler",
        "Groß",
        "Weiß",
        "Jäger",
        "Böhm",
        "Sommer",
        "Fuchs",
        "Vogel",
        "Günther",
        "Brandt",
        "Haas",
        "Schuster",
        "Lorenz",
        "Kühn",
        "Straßer"
    };
    private static final String[][] GERMAN_TRADES = {
        {"Maschinenbau", "Machinery"},
        {"Logistik", "Logistics"},
        {"Elektrotechnik", "Electronics"},
        {"Präzisionstechnik", "Machinery"},
        {"Anlagenbau", "Machinery"},
        {"Medizintechnik", "Healthcare"},
        {"Software", "Software"},
        {"Bau", "Construction"},
        {"Energie", "Utilities"},
        {"Großhandel", "Wholesale"},
        {"Lebensmittel", "Food"},
        {"Kunststofftechnik", "Chemicals"}
    };
    private static final String[] GERMAN_FORMS = {"GmbH", "AG", "KG", "SE", "GmbH & Co. KG"};
    private static final String[] GERMAN_CITIES = {
        "München",
        "Köln",
        "Düsseldorf",
        "Nürnberg",
        "Würzburg",
        "Münster",
        "Lübeck",
        "Göttingen",
        "Saarbrücken",
        "Osnabrück",
        "Fürth",
        "Tübingen",
        "Hamburg",
        "Berlin",
        "Stuttgart",
        "Leipzig",
        "Dresden",
        "Bremen",
        "Hannover",
        "Freiburg",
        "Wien",
        "Graz",
        "Zürich",
        "Basel"
    };
    private static final String[] ENGLISH_NAMES = {
        "Northwind",
        "Contoso",
        "Fabrikam",
        "Tailspin",
        "Adventure Works",
        "Litware",
        "Proseware",
        "Wide World",
        "Alpine Ski House",
        "Coho",
        "Lucerne",
        "Trey Research",
        "Woodgrove",
        "Fourth Coffee",
        "Humongous",
        "Wingtip",
        "Blue Yonder",
        "Southridge",
        "Margie's",
        "Relecloud"
    };
    private static final String[][] ENGLISH_TRADES = {
        {"Industries", "Manufacturing"},
        {"Logistics", "Logistics"},
        {"Energy", "Utilities"},
        {"Systems", "Software"},
        {"Pharmaceuticals", "Pharma"},
        {"Retail", "Retail"},
        {"Manufacturing", "Manufacturing"},
        {"Foods", "Food"},
        {"Airlines", "Transport"},
        {"Insurance", "Finance"}
    };
    private static final String[] ENGLISH_FORMS = {"Ltd", "Inc.", "plc", "LLC", "Group"};
    private static final String[][] ENGLISH_COUNTRIES = {
        {"United Kingdom", "London"},
        {"United Kingdom", "Leeds"},
        {"United States", "Boston"},
        {"United States", "Denver"},
        {"Canada", "Toronto"},
        {"Ireland", "Dublin"}
    };
    private static final String[] FIRST_NAMES = {
        "Anna",
        "Lukas",
        "Jürgen",
        "Sophie",
        "Maximilian",
        "Lena",
        "Jörg",
        "Katharina",
        "Björn",
        "Marie",
        "Felix",
        "Hannah",
        "Sören",
        "Laura",
        "Tobias",
        "Emily",
        "James",
        "Olivia",
        "William",
        "Charlotte",
        "Ayşe",
        "Mehmet",
        "Zoë",
        "François"
    };
    private static final String[] TITLES = {
        "Managing Director",
        "Head of Purchasing",
        "CFO",
        "IT Manager",
        "Head of Operations",
        "Project Lead",
        "Einkaufsleiter",
        "Geschäftsführerin",
        "Technischer Leiter"
    };
    private static final String[] CONTACT_ROLES = {"Decision maker", "Champion", "Technical buyer", "Influencer", "User"
    };
    private static final String[] DEALS = {
        "ERP rollout",
        "Service contract",
        "Line automation",
        "Fleet telematics",
        "Data platform",
        "Maintenance renewal",
        "Pilot project",
        "Expansion phase 2",
        "Cloud migration",
        "Predictive maintenance",
        "Warehouse robotics",
        "Energy monitoring"
    };
    private static final String[] DESCRIPTIONS = {
        "Replace the legacy system before the end of support; budget approved by the board.",
        "Customer asked for a proof of concept at two plants first.",
        "Strong interest from operations, purchasing wants three quotes.",
        "Follow-up to last year's project; the champion moved to a new role.",
        "Competitive situation: the incumbent offers a discount to renew.",
        "Ausschreibung läuft, Entscheidung im nächsten Quartal erwartet.",
        "Budget für die Umstellung ist freigegeben, Projektstart nach der Messe.",
        null,
        null
    };
    private static final String[] LEAD_SOURCES = {"Web form", "Trade fair", "Referral", "Partner", "Webinar"};
    private static final String[] LEAD_STATUSES = {"NEW", "NEW", "WORKING", "DISQUALIFIED"};

    /** type, subject, body, outcome: what the timeline of a deal is made of. */
    private static final String[][] ACTIVITIES = {
        {
            "CALL",
            "Erstgespräch",
            "Bedarf an Automatisierung in zwei Werken; Entscheidung bis Quartalsende.",
            "Termin vereinbart"
        },
        {
            "CALL",
            "Discovery call",
            "Current system is end of life next year; IT and operations both on the call.",
            "Demo requested"
        },
        {"EMAIL", "Unterlagen zugeschickt", "Produktblatt, Referenzen und Preisrahmen per E-Mail geschickt.", null},
        {"EMAIL", "Follow-up on pricing", "Sent the pricing breakdown and the support options they asked about.", null},
        {
            "MEETING",
            "Workshop vor Ort",
            "Prozessaufnahme mit Einkauf, Produktion und IT; Anforderungen dokumentiert.",
            "Anforderungen abgestimmt"
        },
        {
            "MEETING",
            "Stakeholder meeting",
            "Met the CFO; budget is approved, timing depends on the warehouse move.",
            "Budget confirmed"
        },
        {
            "PRESENTATION",
            "Lösungspräsentation",
            "Präsentation vor der Geschäftsführung; Fragen zu Schnittstellen und Wartung.",
            "Positives Feedback"
        },
        {
            "PRESENTATION",
            "Product demo",
            "Live demo for the operations team; strong interest in the reporting module.",
            "Shortlisted"
        },
        {"MATERIAL", "Angebot übermittelt", "Angebot mit drei Ausbaustufen und Wartungsvertrag übermittelt.", null},
        {"MATERIAL", "Case study sent", "Sent the case study of a comparable rollout in the same industry.", null},
        {"NOTE", "Wettbewerb", "Der Wettbewerber bietet 15 % Rabatt; unser Vorteil ist die Integration.", null},
        {"NOTE", "Internal note", "Champion is leaving in Q3; build a second contact in purchasing.", null},
        {"MILESTONE", "Technische Freigabe", "Die IT hat die Architektur freigegeben.", "Freigabe erteilt"},
        {"MILESTONE", "Security review passed", "Their security team signed off the questionnaire.", "Approved"},
    };

    private static final String[] TASKS = {
        "Angebot nachfassen",
        "Follow up on proposal",
        "Referenzbesuch organisieren",
        "Send revised quote",
        "Termin mit Einkauf vereinbaren",
        "Prepare contract draft"
    };

    /** What was written. */
    record Counts(
            int users,
            int accounts,
            int contacts,
            int opportunities,
            int teamMembers,
            int history,
            int leads,
            int activities,
            int tasks) {
        int total() {
            return users + accounts + contacts + opportunities + teamMembers + history + leads + activities + tasks;
        }
    }

    private final Random random;
    /** For the scoring inputs, apart from {@link #random} so that adding them left the rest of the data as it was. */
    private final Random scoringInputs;
    /** Which pipeline each deal goes into. */
    private final Random processes;
    /** Who won the lost deals (apart, so that naming the winners left the rest of the data as it was). */
    private final Random winners;

    private final LocalDate today;
    private final Instant now;

    private final Integer activitiesPerDeal;

    DemoDataGenerator(long seed, Instant now) {
        this(seed, now, null);
    }

    /** @param activitiesPerDeal mean number of activities per opportunity; null: about one per stage reached (~3) */
    DemoDataGenerator(long seed, Instant now, Integer activitiesPerDeal) {
        this.activitiesPerDeal = activitiesPerDeal;
        this.random = new Random(seed);
        this.scoringInputs = new Random(seed + 1);
        this.processes = new Random(seed + 2);
        this.winners = new Random(seed + 3);
        this.now = now;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /**
     * Writes a data set of this size into an empty database in one transaction.
     *
     * @return what was written; null when the database already had data (then nothing is written)
     */
    static Counts generateIfEmpty(DataSource dataSource, long seed, int opportunities, IntConsumer progress)
            throws SQLException {
        return generateIfEmpty(dataSource, seed, opportunities, null, progress);
    }

    /** {@link #generateIfEmpty(DataSource, long, int, IntConsumer)} with a chosen mean of activities per opportunity. */
    static Counts generateIfEmpty(
            DataSource dataSource, long seed, int opportunities, Integer activitiesPerDeal, IntConsumer progress)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!isEmpty(connection)) {
                    return null;
                }
                Counts counts = new DemoDataGenerator(seed, Instant.now(), activitiesPerDeal)
                        .generate(connection, opportunities, progress);
                connection.commit();
                connection.setAutoCommit(true);
                try (PreparedStatement analyze = connection.prepareStatement("analyze")) {
                    analyze.execute(); // fresh statistics: the planner sees the new size at once
                }
                return counts;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** True when the database has no users yet: the only state the generator writes into. */
    private static boolean isEmpty(Connection connection) throws SQLException {
        // Locks out a second generator (or a user creating the first user) until we commit.
        try (PreparedStatement lock = connection.prepareStatement("lock table app_user in share row exclusive mode")) {
            lock.execute();
        }
        try (PreparedStatement statement = connection.prepareStatement("select exists (select 1 from app_user)");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return !rows.getBoolean(1);
        }
    }

    /**
     * Writes the data set into the connection's (empty) database, in the caller's transaction.
     *
     * @param progress called with the number of opportunities written after each chunk
     */
    Counts generate(Connection connection, int opportunities, IntConsumer progress) throws SQLException {
        if (opportunities < 1) {
            throw new IllegalArgumentException("At least one opportunity, not " + opportunities);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        renewalsPipeline(connection);
        try (var statement = connection.createStatement()) {
            // the competitors plugin adds its own demo data on its first start (SWOT, rivals in won deals)
            statement.executeUpdate("insert into plugin_setting (plugin_id, key, value)"
                    + " values ('org.openchance.plugins.competitors', 'demo-data', 'true')");
            // the quotes plugin makes its catalogue and quotes on some deals on its first start; the seller's
            // letterhead is what an administrator sets with configurePlugin
            statement.executeUpdate("insert into plugin_setting (plugin_id, key, value) values"
                    + " ('org.openchance.plugins.quotes', 'demo-data', 'true'),"
                    + " ('org.openchance.plugins.quotes', 'seller.name', 'OpenChance Drucklufttechnik GmbH'),"
                    + " ('org.openchance.plugins.quotes', 'seller.address',"
                    + " 'Äußere Weißenburger Straße 12 | 81667 München | Deutschland'),"
                    + " ('org.openchance.plugins.quotes', 'seller.phone', '+49 89 123456-0'),"
                    + " ('org.openchance.plugins.quotes', 'seller.email', 'angebote@openchance.example'),"
                    + " ('org.openchance.plugins.quotes', 'seller.website', 'www.openchance.example'),"
                    + " ('org.openchance.plugins.quotes', 'seller.vat-id', 'DE123456789'),"
                    + " ('org.openchance.plugins.quotes', 'seller.registration', 'Amtsgericht München HRB 123456'),"
                    + " ('org.openchance.plugins.quotes', 'seller.bank',"
                    + " 'Stadtsparkasse München · IBAN DE02 7015 0000 0000 1234 56 · BIC SSKMDEMMXXX')");
        }
        exchangeRates(connection);
        Team team = users(copy, opportunities);
        List<Account> accounts = accounts(copy, team, Math.max(NAMED_ACCOUNTS.length, opportunities / 5));
        int contacts = accounts.stream().mapToInt(a -> a.contacts.size()).sum();

        Rows opportunityRows =
                new Rows("opportunity (id, name, account_id, description, amount, amount_currency, budget,"
                        + " budget_currency, probability, expected_close_date, pipeline_id, stage_id, stage_entered_at,"
                        + " forecast_category, status, owner_id, closed_at, close_reasons, lost_at_stage_id, close_note,"
                        + " winning_competitor_id, competitor_count, resource_availability, version, created_at,"
                        + " updated_at)");
        Rows teamRows = new Rows("opportunity_team_member (opportunity_id, user_id, role, added_at)");
        Rows contactRows = new Rows("opportunity_contact (opportunity_id, contact_id, role)");
        Rows historyRows =
                new Rows("opportunity_history (opportunity_id, field, old_value, new_value, changed_at, changed_by)");
        Rows activityRows =
                new Rows("activity (id, type, opportunity_id, account_id, subject, body, outcome, occurred_at,"
                        + " author_id, created_at, updated_at)");
        Rows taskRows =
                new Rows("task (id, title, due_at, remind_at, assignee_id, opportunity_id, account_id, done, done_at,"
                        + " reminded_at, due_fired_at, created_at, updated_at)");
        int teamMembers = 0;
        int history = 0;
        int activities = 0;
        int tasks = 0;
        for (int i = 1; i <= opportunities; i++) {
            Account account = i <= accounts.size() * 2
                    ? accounts.get((i - 1) % accounts.size())
                    : accounts.get(random.nextInt(accounts.size()));
            Deal deal = opportunity(account, team);
            opportunityRows.add(deal.row);
            historyRows.addAll(deal.history);
            history += deal.history.size();
            for (Object[] member : deal.team) {
                teamRows.add(member);
                teamMembers++;
            }
            activities += timeline(activityRows, deal, account);
            tasks += followUp(taskRows, deal, account);
            if (!account.contacts.isEmpty() && random.nextInt(2) == 0) {
                contactRows.add(
                        deal.id,
                        account.contacts.get(random.nextInt(account.contacts.size())),
                        CONTACT_ROLES[random.nextInt(CONTACT_ROLES.length)]);
            }
            if (i % CHUNK == 0 || i == opportunities) {
                opportunityRows.copyTo(copy);
                teamRows.copyTo(copy);
                contactRows.copyTo(copy);
                historyRows.copyTo(copy);
                activityRows.copyTo(copy);
                taskRows.copyTo(copy);
                progress.accept(i);
            }
        }
        int leads = leads(copy, accounts, Math.max(6, opportunities / 50));
        quotas(connection, team.owners.get(0));
        return new Counts(
                team.all.size(),
                accounts.size(),
                contacts,
                opportunities,
                teamMembers,
                history,
                leads,
                activities,
                tasks);
    }

    /** The people: a head of sales, her team of owners and external partners. */
    private record Team(List<UUID> all, List<UUID> owners, List<UUID> partners) {}

    private Team users(CopyManager copy, int opportunities) throws SQLException {
        Rows rows = new Rows(
                "app_user (id, name, email, kind, company, manager_id, created_at, updated_at, roles, password_hash)");
        String password = DEMO_PASSWORD_HASH.get();
        Instant joined = now.minus(800, ChronoUnit.DAYS);
        UUID head = id();
        rows.add(
                head,
                "Sabine Krüger",
                "sabine.krueger@example.com",
                "EMPLOYEE",
                null,
                null,
                joined,
                joined,
                new String[] {"ADMIN", "MANAGER"},
                password);
        List<UUID> owners = new ArrayList<>(List.of(head));
        String[][] named = {
            {"Jonas Müller", "jonas.mueller"}, {"Aylin Şahin", "aylin.sahin"}, {"Oliver Bennett", "oliver.bennett"}
        };
        for (String[] person : named) {
            UUID id = id();
            rows.add(
                    id,
                    person[0],
                    person[1] + "@example.com",
                    "EMPLOYEE",
                    null,
                    head,
                    joined,
                    joined,
                    new String[] {"SALES"},
                    password);
            owners.add(id);
        }
        // About 2,500 opportunities per owner in large sets, as in a real sales team.
        for (int n = owners.size(); n < opportunities / 2_500; n++) {
            UUID id = id();
            String first = pick(FIRST_NAMES);
            String last = pick(GERMAN_NAMES);
            rows.add(
                    id,
                    first + " " + last,
                    email(first, last) + "." + n + "@example.com",
                    "EMPLOYEE",
                    null,
                    head,
                    joined,
                    joined,
                    new String[] {"SALES"},
                    password);
            owners.add(id);
        }
        List<UUID> partners = new ArrayList<>();
        UUID partner = id();
        rows.add(
                partner,
                "Marco Rossi",
                "marco.rossi@partner-consulting.example",
                "PARTNER",
                "Partner Consulting GmbH",
                null,
                joined,
                joined,
                new String[] {"PARTNER"},
                password);
        partners.add(partner);
        for (int n = 1; n < owners.size() / 10; n++) {
            UUID id = id();
            String first = pick(FIRST_NAMES);
            String last = pick(GERMAN_NAMES);
            rows.add(
                    id,
                    first + " " + last,
                    email(first, last) + "." + n + "@partner.example",
                    "PARTNER",
                    pick(GERMAN_NAMES) + " Consulting GmbH",
                    null,
                    joined,
                    joined,
                    new String[] {"PARTNER"},
                    password);
            partners.add(id);
        }
        rows.copyTo(copy);
        List<UUID> all = new ArrayList<>(owners);
        all.addAll(partners);
        return new Team(all, owners, partners);
    }

    /** {@code currency}: what its deals are in (Swiss, US and British accounts buy in their own). */
    private record Account(UUID id, String name, List<UUID> contacts, String currency) {}

    /** The demo's currencies besides EUR, each with a made-up mid rate (1 EUR = ...). */
    private static final Map<String, Double> MID_RATES = Map.of("CHF", 0.94, "GBP", 0.86, "USD", 1.09);

    private static String currencyOf(String country) {
        return switch (country) {
            case "Switzerland" -> "CHF";
            case "United Kingdom" -> "GBP";
            case "United States" -> "USD";
            default -> "EUR";
        };
    }

    private List<Account> accounts(CopyManager copy, Team team, int count) throws SQLException {
        Rows accountRows = new Rows("account (id, name, match_key, industry, employee_count, annual_revenue,"
                + " annual_revenue_currency, website, country, owner_id, created_at, updated_at)");
        Rows contactRows = new Rows(
                "contact (id, account_id, first_name, last_name, title, email, phone, created_at, updated_at)");
        List<Account> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] a = i < NAMED_ACCOUNTS.length ? NAMED_ACCOUNTS[i] : generatedAccount();
            UUID id = id();
            int employees = Integer.parseInt(a[2]);
            BigDecimal revenue =
                    BigDecimal.valueOf(employees).multiply(BigDecimal.valueOf(120_000 + random.nextInt(200) * 1_000L));
            Instant created = now.minus(760 + random.nextInt(40), ChronoUnit.DAYS);
            accountRows.add(
                    id,
                    a[0],
                    MatchKey.of(a[0]),
                    a[1],
                    employees,
                    revenue,
                    "EUR",
                    "https://www." + a[4],
                    a[3],
                    team.owners.get(random.nextInt(team.owners.size())),
                    created,
                    created);
            List<UUID> contacts = new ArrayList<>();
            for (int c = 1 + random.nextInt(3); c > 0; c--) {
                UUID contact = id();
                String first = pick(FIRST_NAMES);
                String last = pick(GERMAN_NAMES);
                contactRows.add(
                        contact,
                        id,
                        first,
                        last,
                        pick(TITLES),
                        email(first, last) + "@" + a[4],
                        "+49 " + (30 + random.nextInt(900)) + " " + (100_000 + random.nextInt(900_000)),
                        created,
                        created);
                contacts.add(contact);
            }
            accounts.add(new Account(id, a[0], contacts, currencyOf(a[3])));
            if (accounts.size() % CHUNK == 0) {
                accountRows.copyTo(copy);
                contactRows.copyTo(copy);
            }
        }
        accountRows.copyTo(copy);
        contactRows.copyTo(copy);
        return accounts;
    }

    /** name, industry, employees, country, domain */
    private String[] generatedAccount() {
        String employees = String.valueOf(10 + (int) Math.round(Math.exp(random.nextDouble() * Math.log(20_000))));
        if (random.nextInt(3) > 0) {
            String name = pick(GERMAN_NAMES);
            String[] trade = GERMAN_TRADES[random.nextInt(GERMAN_TRADES.length)];
            String city = pick(GERMAN_CITIES);
            String full = name + " " + trade[0] + " " + city + " " + pick(GERMAN_FORMS);
            String country = city.equals("Wien") || city.equals("Graz")
                    ? "Austria"
                    : city.equals("Zürich") || city.equals("Basel") ? "Switzerland" : "Germany";
            return new String[] {
                full, trade[1], employees, country, domain(name + "-" + trade[0] + "-" + city) + ".example"
            };
        }
        String name = pick(ENGLISH_NAMES);
        String[] trade = ENGLISH_TRADES[random.nextInt(ENGLISH_TRADES.length)];
        String[] place = ENGLISH_COUNTRIES[random.nextInt(ENGLISH_COUNTRIES.length)];
        String full = name + " " + trade[0] + " " + place[1] + " " + pick(ENGLISH_FORMS);
        return new String[] {
            full, trade[1], employees, place[0], domain(name + "-" + trade[0] + "-" + place[1]) + ".example"
        };
    }

    /** One opportunity: its row, its team and its history (stage moves, close date slips, the close). */
    private record Deal(
            UUID id,
            Object[] row,
            List<Object[]> team,
            List<Object[]> history,
            UUID owner,
            Instant created,
            Instant end,
            boolean open) {}

    /** Calls, e-mails, meetings ... between the deal's creation and its close (or now): about one per stage reached. */
    private int timeline(Rows rows, Deal deal, Account account) {
        int count = activitiesPerDeal == null
                ? random.nextInt(2 + deal.history.size() / 2)
                : random.nextInt(2 * activitiesPerDeal + 1);
        long span = Math.max(1, deal.end.toEpochMilli() - deal.created.toEpochMilli());
        for (int a = 0; a < count; a++) {
            String[] activity = ACTIVITIES[random.nextInt(ACTIVITIES.length)];
            Instant at = deal.created.plusMillis((long) (random.nextDouble() * span));
            rows.add(
                    id(),
                    activity[0],
                    deal.id,
                    account.id,
                    activity[1],
                    activity[2],
                    activity[3],
                    at,
                    deal.owner,
                    at,
                    at);
        }
        return count;
    }

    /** Open deals get a follow-up: most due soon, some overdue, a few already done. */
    private int followUp(Rows rows, Deal deal, Account account) {
        if (!deal.open || random.nextInt(3) == 0) {
            return 0;
        }
        Instant due = now.plus(random.nextInt(21) - 5, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.HOURS)
                .plus(9, ChronoUnit.HOURS);
        boolean done = random.nextInt(6) == 0;
        Instant remind = due.minus(1, ChronoUnit.HOURS);
        Instant doneAt = done ? (due.isAfter(now) ? now : due).minus(2, ChronoUnit.HOURS) : null;
        // Reminders and due notices of the past count as sent: a first start must not fire thousands of them.
        rows.add(
                id(),
                pick(TASKS),
                due,
                remind,
                deal.owner,
                deal.id,
                account.id,
                done,
                doneAt,
                remind.isAfter(now) ? null : remind,
                due.isAfter(now) ? null : due,
                deal.created,
                deal.created);
        return 1;
    }

    /**
     * Who won a lost deal, as free text the way closes named winners before the competitors plugin (which makes them
     * records on its first start): always for a loss to a competitor, mostly for price and features, never for a lack
     * of budget or time; the first names more often.
     */
    private String winner(String reason) {
        int percent =
                switch (reason) {
                    case "Lost to competitor", "Moved to competitor" -> 100;
                    case "Price" -> 70;
                    case "Missing features" -> 50;
                    default -> 0;
                };
        if (reason.equals("No decision")) {
            return "NO_DECISION";
        }
        if (winners.nextInt(100) >= percent) {
            return null;
        }
        return COMPETITORS[winners.nextInt(1 + winners.nextInt(COMPETITORS.length))];
    }

    /** Competitors in the running; fewer on won deals (a signal the predictive scoring can learn); a fifth unknown. */
    private Integer competitors(boolean open, boolean won) {
        if (scoringInputs.nextInt(5) == 0) {
            return null;
        }
        int count = scoringInputs.nextInt(4);
        return open ? count : won ? Math.max(0, count - 1) : count + scoringInputs.nextInt(2);
    }

    /** Delivery staff at project start; more often HIGH on won deals; a fifth unknown. */
    private String resources(boolean open, boolean won) {
        if (scoringInputs.nextInt(5) == 0) {
            return null;
        }
        int level = scoringInputs.nextInt(3) + (open ? 0 : won ? 1 : -1);
        return level >= 2 ? "HIGH" : level == 1 ? "MEDIUM" : "LOW";
    }

    /** A euro amount as a round amount of about the same worth in the currency (whole thousands). */
    private static BigDecimal inCurrency(BigDecimal euros, String currency) {
        Double mid = MID_RATES.get(currency);
        return mid == null
                ? euros
                : euros.multiply(BigDecimal.valueOf(mid))
                        .setScale(-3, RoundingMode.HALF_UP)
                        .setScale(0);
    }

    /**
     * Weekly exchange rates against EUR for the demo's currencies, from before the oldest deal to this week: each its
     * mid rate, moving a few percent over the year (a smooth made-up curve, the same every time; not market data).
     */
    /**
     * Quarterly quotas of the sales people for the past year and the coming three quarters: what each won per quarter
     * over the last two years, plus a tenth, rounded to 10,000 (at least 50,000); the head of sales has none of her
     * own, so her row in the forecast is her team's sum.
     */
    private void quotas(Connection connection, UUID head) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into quota (user_id, period_start, period_end, amount, currency)
                select u.id, q.start::date, (q.start + interval '3 months' - interval '1 day')::date,
                       greatest(50000, round(coalesce(w.quarterly, 0) * 1.1, -4)), 'EUR'
                from app_user u
                left join (select owner_id, sum(amount) / 8 as quarterly from opportunity
                           where status = 'WON' and amount_currency = 'EUR' and closed_at >= ? group by owner_id) w
                       on w.owner_id = u.id
                cross join generate_series(date_trunc('quarter', ?::date) - interval '1 year',
                                           date_trunc('quarter', ?::date) + interval '9 months',
                                           interval '3 months') as q(start)
                where u.kind = 'EMPLOYEE' and 'SALES' = any(u.roles) and u.id <> ?""")) {
            insert.setObject(1, today.minusYears(2));
            insert.setObject(2, today);
            insert.setObject(3, today);
            insert.setObject(4, head);
            insert.executeUpdate();
        }
    }

    private void exchangeRates(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into exchange_rate (base, currency, valid_from, rate) values ('EUR', ?, ?, ?)")) {
            LocalDate monday = today.minusDays(today.getDayOfWeek().getValue() - 1L);
            for (String currency : new TreeSet<>(MID_RATES.keySet())) {
                double mid = MID_RATES.get(currency);
                double phase = currency.hashCode() % 7;
                for (int week = 0; week <= 120; week++) {
                    LocalDate day = monday.minusWeeks(week);
                    double t = day.toEpochDay();
                    double rate = mid
                            * (1
                                    + 0.03 * Math.sin(2 * Math.PI * t / 365 + phase)
                                    + 0.01 * Math.sin(2 * Math.PI * t / 61 + phase));
                    insert.setString(1, currency);
                    insert.setObject(2, day);
                    insert.setBigDecimal(3, BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The Renewals pipeline: stages (two with rules a deal must meet before entering) and close reasons. */
    private static void renewalsPipeline(Connection connection) throws SQLException {
        String[] sql = {
            "insert into pipeline (id, name, position, is_default) values ('" + RENEWALS.pipeline()
                    + "', 'Renewals', 2," + " false)",
            "insert into stage (id, pipeline_id, name, position, default_probability, forecast_category, is_closed,"
                    + " is_won, stalled_after_days, required_fields) values"
                    + " ('" + RENEWALS.stages()[0] + "', '" + RENEWALS.pipeline()
                    + "', 'Renewal due', 1, 30, 'PIPELINE',"
                    + " false, false, 60, '{}'),"
                    + " ('" + RENEWALS.stages()[1] + "', '" + RENEWALS.pipeline() + "', 'Renewal offer', 2, 60,"
                    + " 'BEST_CASE', false, false, 30, '{amount,expectedCloseDate}'),"
                    + " ('" + RENEWALS.stages()[2] + "', '" + RENEWALS.pipeline() + "', 'Signature', 3, 90, 'COMMIT',"
                    + " false, false, 21, '{amount,expectedCloseDate}'),"
                    + " ('" + RENEWALS.won() + "', '" + RENEWALS.pipeline()
                    + "', 'Renewed', 4, 100, 'CLOSED', true, true,"
                    + " null, '{}'),"
                    + " ('" + RENEWALS.lost() + "', '" + RENEWALS.pipeline()
                    + "', 'Churned', 5, 0, 'OMITTED', true, false,"
                    + " null, '{}')"
        };
        for (String statement : sql) {
            try (PreparedStatement insert = connection.prepareStatement(statement)) {
                insert.execute();
            }
        }
        try (PreparedStatement reasons = connection.prepareStatement(
                "insert into close_reason (pipeline_id, outcome, reason, position) values (?, ?, ?, ?)")) {
            for (String outcome : new String[] {"WON", "LOST"}) {
                String[] list = outcome.equals("WON") ? RENEWALS.wonReasons() : RENEWALS.lostReasons();
                for (int i = 0; i < list.length; i++) {
                    reasons.setObject(1, RENEWALS.pipeline());
                    reasons.setString(2, outcome);
                    reasons.setString(3, list[i]);
                    reasons.setInt(4, i + 1);
                    reasons.addBatch();
                }
            }
            reasons.executeBatch();
        }
    }

    private Deal opportunity(Account account, Team team) {
        UUID id = id();
        UUID owner = team.owners.get(random.nextInt(team.owners.size()));
        // its own random: choosing the pipeline leaves every other value of the data set as it was
        Process process = processes.nextInt(6) == 0 ? RENEWALS : SALES;
        UUID[] stages = process.stages();
        int[] probabilities = process.probabilities();
        String[] categories = process.categories();
        String name = (process == RENEWALS ? "Renewal " : pick(DEALS) + " ")
                + account.name.split(" ")[0];
        BigDecimal amount = inCurrency(BigDecimal.valueOf(5_000 + random.nextInt(400) * 1_000L), account.currency);
        BigDecimal budget = random.nextInt(4) == 0
                ? null
                : amount.multiply(BigDecimal.valueOf(70 + random.nextInt(60))).divide(BigDecimal.valueOf(100));
        int age = 10 + random.nextInt(720);
        Instant created = now.minus(age, ChronoUnit.DAYS).minus(random.nextInt(9 * 60), ChronoUnit.MINUTES);
        // Old deals are mostly decided; young ones mostly still open.
        boolean open = random.nextDouble() < (age < 180 ? 0.75 : 0.08);
        boolean won = !open && random.nextInt(5) < 2;
        int reached = open ? random.nextInt(stages.length) : won ? stages.length - 1 : random.nextInt(stages.length);
        Instant end = open
                ? now.minus(random.nextInt(Math.max(1, age / 3) + 1), ChronoUnit.DAYS)
                : created.plus(Math.min(age - 1, 14 + random.nextInt(Math.max(1, age - 14))), ChronoUnit.DAYS);
        LocalDate expectedClose = open
                ? today.plusDays(7 + random.nextInt(240))
                : LocalDate.ofInstant(end, ZoneOffset.UTC).plusDays(random.nextInt(30) - 10);

        List<Object[]> history = new ArrayList<>();
        // Stage moves at evenly spread times between creation and the last move (or the close).
        Instant at = created;
        long step = Math.max(1, (end.toEpochMilli() - created.toEpochMilli()) / (reached + 2));
        for (int s = 1; s <= reached; s++) {
            at = at.plusMillis(step);
            history.add(change(id, "stage", stages[s - 1], stages[s], at, owner));
            history.add(change(id, "probability", probabilities[s - 1], probabilities[s], at, owner));
            if (!categories[s - 1].equals(categories[s])) {
                history.add(change(id, "forecastCategory", categories[s - 1], categories[s], at, owner));
            }
        }
        if (random.nextInt(5) == 0) { // the close date slipped once
            Instant slipped = at.plusMillis(step / 2);
            history.add(change(
                    id,
                    "expectedCloseDate",
                    expectedClose.minusDays(30 + random.nextInt(60)),
                    expectedClose,
                    slipped,
                    owner));
            at = slipped;
        }
        Instant stageEntered = at;
        UUID stage = stages[reached];
        int probability = probabilities[reached];
        String category = categories[reached];
        String status = "OPEN";
        LocalDate closedAt = null;
        String[] reasons = {};
        UUID lostAt = null;
        String note = null;
        if (!open) {
            stageEntered = end;
            closedAt = LocalDate.ofInstant(end, ZoneOffset.UTC);
            stage = won ? process.won() : process.lost();
            probability = won ? 100 : 0;
            category = won ? "CLOSED" : "OMITTED";
            status = won ? "WON" : "LOST";
            reasons = new String[] {won ? pick(process.wonReasons()) : pick(process.lostReasons())};
            lostAt = won ? null : stages[reached];
            note = won ? "Signed." : "Customer decided against us: " + reasons[0].toLowerCase() + ".";
            history.add(change(id, "stage", stages[reached], stage, end, owner));
            history.add(change(id, "probability", probabilities[reached], probability, end, owner));
            history.add(change(id, "forecastCategory", categories[reached], category, end, owner));
            history.add(change(id, "status", "OPEN", status, end, owner));
        }
        Instant updated = history.isEmpty() ? created : (Instant) history.get(history.size() - 1)[4];
        Object[] row = {
            id,
            name,
            account.id,
            pick(DESCRIPTIONS),
            amount,
            account.currency,
            budget,
            budget == null ? null : account.currency,
            probability,
            expectedClose,
            process.pipeline(),
            stage,
            stageEntered,
            category,
            status,
            owner,
            closedAt,
            reasons,
            lostAt,
            note,
            open || won ? null : winner(reasons[0]),
            competitors(open, won),
            resources(open, won),
            history.size(),
            created,
            updated
        };

        List<Object[]> members = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            members.add(new Object[] {
                id, team.partners.get(random.nextInt(team.partners.size())), "Implementation partner", created
            });
        }
        UUID engineer = team.owners.get(random.nextInt(team.owners.size()));
        if (random.nextInt(4) == 0 && !engineer.equals(owner)) {
            members.add(new Object[] {id, engineer, "Solution engineer", created});
        }
        return new Deal(id, row, members, history, owner, created, open ? now : end, open);
    }

    private static Object[] change(UUID opportunity, String field, Object old, Object now, Instant at, UUID by) {
        return new Object[] {opportunity, field, String.valueOf(old), String.valueOf(now), at, by};
    }

    private int leads(CopyManager copy, List<Account> accounts, int count) throws SQLException {
        Rows rows =
                new Rows("lead (id, company_name, contact_name, email, phone, source, status, created_at, updated_at)");
        for (int i = 0; i < count; i++) {
            // Some leads come from companies that are already accounts, written the way people type them.
            String company = i % 3 == 0
                    ? MatchKey.of(accounts.get(random.nextInt(accounts.size())).name)
                            .toUpperCase()
                    : generatedAccount()[0];
            String first = pick(FIRST_NAMES);
            String last = pick(GERMAN_NAMES);
            Instant created =
                    now.minus(random.nextInt(60), ChronoUnit.DAYS).minus(random.nextInt(600), ChronoUnit.MINUTES);
            rows.add(
                    id(),
                    company,
                    first + " " + last,
                    email(first, last) + "@" + domain(company) + ".example",
                    null,
                    pick(LEAD_SOURCES),
                    pick(LEAD_STATUSES),
                    created,
                    created);
        }
        rows.copyTo(copy);
        return count;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Random but reproducible: from the seeded generator, not from {@link UUID#randomUUID()}. */
    private UUID id() {
        return new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static String email(String first, String last) {
        return domain(first + "." + last);
    }

    private static String domain(String text) {
        return MatchKey.of(text).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }

    private static UUID stage(String suffix) {
        return UUID.fromString("00000000-0000-4000-8000-000000000" + suffix);
    }

    /** Rows for one table, buffered as CSV and written with {@code COPY ... FROM STDIN}. */
    private static final class Rows {

        private final String table;
        private final StringBuilder csv = new StringBuilder();

        Rows(String table) {
            this.table = table;
        }

        void add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = values[i];
                if (value == null) {
                    continue; // an unquoted empty field is NULL
                }
                String text = value instanceof String[] array
                        ? (array.length == 0 ? "{}" : "{\"" + String.join("\",\"", array) + "\"}")
                        : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
                csv.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
            csv.append('\n');
        }

        void addAll(List<Object[]> rows) {
            rows.forEach(this::add);
        }

        void copyTo(CopyManager copy) throws SQLException {
            if (csv.isEmpty()) {
                return;
            }
            try {
                copy.copyIn("copy " + table + " from stdin (format csv)", new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            csv.setLength(0);
        }
    }
}
