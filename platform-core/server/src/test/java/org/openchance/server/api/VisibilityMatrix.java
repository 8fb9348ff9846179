package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.plugin.PluginBundles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The row rule from every caller's side: one deal, with an activity, a task and an attachment, read and changed by
 * everyone who might ask, through every path that can show it or count it. What each caller should get comes from
 * an oracle written here from the rule's text (issue 14), not from the code; every mismatch is reported at once.
 * Run under both organisation-wide defaults by {@link PrivateVisibilityIT} and {@link PublicReadVisibilityIT}.
 */
abstract class VisibilityMatrix {

    /** Who asks. */
    enum Who {
        ADMIN,
        OWNER,
        MANAGER, // the owner's manager
        DIRECTOR, // the manager's manager
        PEER, // same manager as the owner, not on the team
        OTHER, // another team altogether
        TEAM_READ, // on the deal's team with READ access
        TEAM_EDIT, // on the deal's team with EDIT access
        READ_ONLY, // an employee with the role READ_ONLY, not on the team
        PARTNER_ON, // an external partner on the team (EDIT)
        PARTNER_OFF, // an external partner not on it
        OWNER_KEY_READ, // an API key of the owner with the READ scope
        ANONYMOUS
    }

    /** What a change of the deal should answer. */
    enum Change {
        SAVED,
        FORBIDDEN, // a user error: visible, but not theirs to change
        NOT_FOUND, // a user error: not visible, so it does not exist for them
        DENIED, // the operation itself (a GraphQL error)
        UNAUTHENTICATED
    }

    private static final String SCORE_HISTORY =
            "query($id: ID!) { criteriaScoreHistory(opportunityId: $id) { value } }";
    private static final String ADD_MEMBER = "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) {"
            + " opportunity { id } errors { code } } }";

    private final boolean publicRead;
    /** Both defaults PUBLIC_READ_WRITE: every employee who may write at all changes every deal and account. */
    private boolean publicWrite;

    private final boolean descriptionHidden;
    private final boolean accountsPrivate;

    @LocalServerPort
    int port;

    /** The criteria scoring plugin is installed, so that its by-id query and the calibration are in the matrix. */
    @Value("${openchance.plugins.dir}")
    Path plugins;

    @DynamicPropertySource
    static void plugins(DynamicPropertyRegistry registry) {
        Path folder = PluginBundles.temporaryFolder("openchance-visibility-plugins-"); // one per test class
        registry.add("openchance.plugins.dir", folder::toString);
    }

    /**
     * @param descriptionHidden whether the server hides the description from partners too (budget: always)
     * @param accountsPrivate   whether accounts (and their contacts) are {@code PRIVATE} rather than public to read
     */
    VisibilityMatrix(boolean publicRead, boolean descriptionHidden, boolean accountsPrivate) {
        this.publicRead = publicRead;
        this.descriptionHidden = descriptionHidden;
        this.accountsPrivate = accountsPrivate;
    }

    // ---- the oracle ----

    boolean reads(Who who) {
        return switch (who) {
            case ADMIN, OWNER, MANAGER, DIRECTOR, TEAM_READ, TEAM_EDIT, PARTNER_ON, OWNER_KEY_READ -> true;
            case PEER, OTHER, READ_ONLY -> publicRead; // employees get the default; partners never do
            case PARTNER_OFF, ANONYMOUS -> false;
        };
    }

    Change changes(Who who) {
        return switch (who) {
            case ANONYMOUS -> Change.UNAUTHENTICATED;
            case READ_ONLY, OWNER_KEY_READ -> Change.DENIED; // no writing at all
            case ADMIN, OWNER, MANAGER, DIRECTOR, TEAM_EDIT, PARTNER_ON -> Change.SAVED;
            case PARTNER_OFF -> Change.NOT_FOUND; // partners never get the default
            default -> publicWrite ? Change.SAVED : reads(who) ? Change.FORBIDDEN : Change.NOT_FOUND;
        };
    }

    /** Runs the matrix with both defaults PUBLIC_READ_WRITE (and reads public). */
    VisibilityMatrix publicWrite() {
        this.publicWrite = true;
        return this;
    }

    /**
     * The deal's account (owned by the admin): every employee under a public default; under {@code PRIVATE} the
     * admin and every employee who reads the deal (read through the deal). Partners reach it only through their deal.
     */
    boolean readsAccountDirectly(Who who) {
        return employee(who) && (!accountsPrivate || who == Who.ADMIN || reads(who));
    }

    /**
     * The owner's own account, with a contact and a visit but no deal: every employee under a public default; under
     * {@code PRIVATE} only the owner's line (and the owner's key, and the admin). Never partners.
     */
    boolean readsOwnAccount(Who who) {
        return employee(who)
                && (!accountsPrivate
                        || switch (who) {
                            case ADMIN, OWNER, MANAGER, DIRECTOR, OWNER_KEY_READ -> true;
                            default -> false;
                        });
    }

    /** A change of the owner's account or its contact: the owner's line and admins; others as they read it. */
    Change changesOwnAccount(Who who) {
        return switch (who) {
            case ANONYMOUS -> Change.UNAUTHENTICATED;
            case READ_ONLY, OWNER_KEY_READ, PARTNER_ON, PARTNER_OFF -> Change.DENIED; // no writing of accounts
            case ADMIN, OWNER, MANAGER, DIRECTOR -> Change.SAVED;
            default -> publicWrite ? Change.SAVED : readsOwnAccount(who) ? Change.FORBIDDEN : Change.NOT_FOUND;
        };
    }

    // ---- the test ----

    @Test
    void everyPathShowsCountsAndChangesTheDealExactlyAsTheRuleSays() throws Exception {
        GraphQlClient admin = new GraphQlClient(port);
        PluginBundles.drop(
                plugins,
                PluginBundles.jarOf("org/openchance/plugins/scoringcriteria/CriteriaScoring.class"),
                "scoring-criteria.jar");
        var fixtures = admin.fixtures();
        String director = fixtures.anEmployee("Dora Direktor", "dora@example.com", List.of("MANAGER"), null);
        String manager = fixtures.anEmployee("Max Manager", "max@example.com", List.of("MANAGER", "SALES"), director);
        String owner = fixtures.anEmployee("Olga Owner", "olga@example.com", List.of("SALES"), manager);
        String peer = fixtures.anEmployee("Peter Peer", "peter@example.com", List.of("SALES"), manager);
        String other = fixtures.anEmployee("Otto Other", "otto@example.com", List.of("SALES"), null);
        String teamRead = fixtures.anEmployee("Tara Teamlesend", "tara@example.com", List.of("SALES"), null);
        String teamEdit = fixtures.anEmployee("Tom Teamschreibend", "tom@example.com", List.of("SALES"), null);
        String reader = fixtures.anEmployee("Rita Readonly", "rita@example.com", List.of("READ_ONLY"), null);
        String partnerOn = fixtures.aPartner("Paula Partner", "paula@partner.example", "Partner AG");
        String partnerOff = fixtures.aPartner("Pablo Fremd", "pablo@andere.example", "Andere AG");
        String extra = fixtures.anEmployee("Ernst Extra", "ernst@example.com", List.of("SALES"), null);

        String account = fixtures.anAccount("Zanderwerk GmbH");
        String deal = fixtures.anOpportunity(
                account,
                "Zander Dachsanierung",
                Map.of(
                        "ownerId", owner,
                        "description", "Dach und Fassade",
                        "amount", Map.of("amount", "1000.00", "currency", "EUR"),
                        "budget", Map.of("amount", "900.00", "currency", "EUR"),
                        "expectedCloseDate", LocalDate.now().plusMonths(2).toString()));
        for (Object[] member : new Object[][] {{teamRead, "READ"}, {teamEdit, "EDIT"}, {partnerOn, "EDIT"}}) {
            admin.ok(
                    ADD_MEMBER,
                    "addTeamMember",
                    Map.of("opportunityId", deal, "userId", member[0], "role", "Technik", "access", member[1]));
        }
        String activity = admin.ok(
                        "mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } errors { code } } }",
                        "logActivity",
                        Map.of("opportunityId", deal, "type", "MEETING", "subject", "Zander Begehung"))
                .at("/activity/id")
                .asString();
        String task = admin.ok(
                        "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { code } } }",
                        "createTask",
                        Map.of(
                                "opportunityId",
                                deal,
                                "title",
                                "Zander Angebot",
                                "dueAt",
                                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).toString()))
                .at("/task/id")
                .asString();
        String attachment = upload(admin, activity);
        // two people at the deal's account, one of them on the deal (partners see only that one)
        for (String last : List.of("Umbach", "Vogt")) {
            String person = admin.ok(
                            "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                            "createContact",
                            Map.of("accountId", account, "lastName", last))
                    .at("/contact/id")
                    .asString();
            if (last.equals("Umbach")) {
                admin.ok(
                        "mutation($input: AddOpportunityContactInput!) { addOpportunityContact(input: $input) { errors { code } } }",
                        "addOpportunityContact",
                        Map.of("opportunityId", deal, "contactId", person, "role", "Einkauf"));
            }
        }

        // the owner's own account: no deal, a contact and a visit
        String ownAccount = fixtures.anAccount("Quellwerk KG", Map.of("ownerId", owner));
        String ownContact = admin.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", ownAccount, "firstName", "Quirin", "lastName", "Quellmann"))
                .at("/contact/id")
                .asString();
        String ownActivity = admin.ok(
                        "mutation($input: LogActivityInput!) { logActivity(input: $input) { activity { id } errors { code } } }",
                        "logActivity",
                        Map.of("accountId", ownAccount, "type", "MEETING", "subject", "Quellwerk Besuch"))
                .at("/activity/id")
                .asString();
        String ownTask = admin.ok(
                        "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { code } } }",
                        "createTask",
                        Map.of(
                                "accountId",
                                ownAccount,
                                "title",
                                "Quellwerk Rückruf",
                                "dueAt",
                                OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()))
                .at("/task/id")
                .asString();
        String ownAttachment = upload(admin, ownActivity);

        Map<Who, GraphQlClient> clients = new EnumMap<>(Who.class);
        clients.put(Who.ADMIN, admin);
        Map<Who, String> users = Map.of(
                Who.OWNER, owner,
                Who.MANAGER, manager,
                Who.DIRECTOR, director,
                Who.PEER, peer,
                Who.OTHER, other,
                Who.TEAM_READ, teamRead,
                Who.TEAM_EDIT, teamEdit,
                Who.READ_ONLY, reader,
                Who.PARTNER_ON, partnerOn,
                Who.PARTNER_OFF, partnerOff);
        users.forEach((who, id) -> clients.put(who, fixtures.signedIn(id)));
        clients.put(
                Who.OWNER_KEY_READ,
                admin.as(clients.get(Who.OWNER)
                        .mutate("createApiKey", Map.of("name", "Olgas Export", "scopes", List.of("READ")))
                        .path("secret")
                        .asString()));

        // search sees the deal and its activity once they are indexed (the admin sees everything), and the plugin
        // has scored the deal
        await().atMost(Duration.ofSeconds(15))
                .until(() -> searchTotal(admin, "zander") == 3 // deal, activity, account
                        && searchTotal(admin, "quellwerk") == 3); // account, its contact (by the account's name), visit
        // and the account's document names the team members added after it was made (they read it through the deal)
        await().atMost(Duration.ofSeconds(15)).until(() -> searchTotal(clients.get(Who.TEAM_READ), "zander") == 3);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.execute(SCORE_HISTORY, Map.of("id", deal))
                                .at("/data/criteriaScoreHistory")
                                .size()
                        > 0);

        List<String> mismatches = new ArrayList<>();
        for (Who who : Who.values()) {
            GraphQlClient client = clients.get(who);
            if (who == Who.ANONYMOUS) { // no Authorization header at all
                expect(
                        mismatches,
                        who,
                        "POST /graphql status",
                        401,
                        admin.post("/graphql", Map.of("query", "{ me { id } }"), null)
                                .statusCode());
                expect(mismatches, who, "GET attachment status", 401, download(null, attachment));
                continue;
            }
            boolean sees = reads(who);
            readPaths(mismatches, who, client, sees, deal, account, activity, task, attachment);
            expect(mismatches, who, "change", changes(who), change(admin, client, deal, extra));
            ownAccountPaths(
                    mismatches, who, admin, client, ownAccount, ownContact, ownActivity, ownTask, ownAttachment);
        }

        // aggregates over closed deals: the calibration counts the deal once it is won, for those who see it
        int version = admin.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                .at("/opportunity/version")
                .asInt();
        admin.ok(
                "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { errors { code } } }",
                "closeOpportunity",
                Map.of("id", deal, "expectedVersion", version, "outcome", "WON"));
        for (Who who : Who.values()) {
            if (employee(who)) {
                int closed = clients.get(who)
                        .data("{ scoreCalibration(strategy: \"criteria\") { closedOpportunities } }", Map.of())
                        .at("/scoreCalibration/closedOpportunities")
                        .asInt();
                expect(mismatches, who, "scoreCalibration.closedOpportunities", reads(who) ? 1 : 0, closed);
            }
        }
        assertThat(mismatches)
                .as("paths where a caller got what the rule does not say")
                .isEmpty();
    }

    private static boolean employee(Who who) {
        return who != Who.ANONYMOUS && who != Who.PARTNER_ON && who != Who.PARTNER_OFF;
    }

    private void readPaths(
            List<String> mismatches,
            Who who,
            GraphQlClient client,
            boolean sees,
            String deal,
            String account,
            String activity,
            String task,
            String attachment) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode data = client.data("""
                query($deal: ID!, $activity: ID!, $task: ID!, $today: Date!) {
                  opportunity(id: $deal) { id description budget { amount } activities { totalCount } tasks { totalCount }
                    account { name contacts { totalCount } } }
                  node(id: $deal) { id }
                  activity: node(id: $activity) { id }
                  task: node(id: $task) { id }
                  opportunities { totalCount edges { node { id } } }
                  opportunitiesAsOf(date: $today) { totalCount }
                  pipelineSummary(currency: "EUR") { count amount { amount } }
                }""", Map.of("deal", deal, "activity", activity, "task", task, "today", today));
        expect(
                mismatches,
                who,
                "opportunity(id)",
                sees,
                !data.get("opportunity").isNull());
        expect(mismatches, who, "node(deal)", sees, !data.get("node").isNull());
        expect(
                mismatches,
                who,
                "node(activity of the deal)",
                sees,
                !data.get("activity").isNull());
        expect(
                mismatches,
                who,
                "node(task of the deal)",
                sees,
                !data.get("task").isNull());
        expect(
                mismatches,
                who,
                "opportunities.totalCount",
                sees ? 1 : 0,
                data.at("/opportunities/totalCount").asInt());
        expect(
                mismatches,
                who,
                "opportunities.edges",
                sees ? 1 : 0,
                data.at("/opportunities/edges").size());
        expect(
                mismatches,
                who,
                "opportunitiesAsOf.totalCount",
                sees ? 1 : 0,
                data.at("/opportunitiesAsOf/totalCount").asInt());
        int count = 0;
        double amount = 0;
        for (JsonNode stage : data.get("pipelineSummary")) {
            count += stage.get("count").asInt();
            amount += stage.at("/amount/amount").asDouble();
        }
        expect(mismatches, who, "pipelineSummary count", sees ? 1 : 0, count);
        expect(mismatches, who, "pipelineSummary amount", sees ? 1000.0 : 0.0, amount);
        boolean partner = !employee(who);
        if (!partner) { // lists for employees only (partners see the tasks and scores of their deals on the deal)
            expect(
                    mismatches,
                    who,
                    "tasks.totalCount",
                    (sees ? 1 : 0) + (readsOwnAccount(who) ? 1 : 0), // the deal's task, the own account's
                    client.data("{ tasks { totalCount } }", Map.of())
                            .at("/tasks/totalCount")
                            .asInt());
            expect(
                    mismatches,
                    who,
                    "criteriaScoreHistory(deal) entries",
                    sees,
                    client.data(SCORE_HISTORY, Map.of("id", deal))
                                    .get("criteriaScoreHistory")
                                    .size()
                            > 0);
        }
        if (sees) {
            expect(
                    mismatches,
                    who,
                    "opportunity.activities",
                    1,
                    data.at("/opportunity/activities/totalCount").asInt());
            expect(
                    mismatches,
                    who,
                    "opportunity.tasks",
                    1,
                    data.at("/opportunity/tasks/totalCount").asInt());
            // the deal shows its account, with all its people or, to partners, those on the deal
            expect(
                    mismatches,
                    who,
                    "opportunity.account.name",
                    "Zanderwerk GmbH",
                    data.at("/opportunity/account/name").asString());
            expect(
                    mismatches,
                    who,
                    "opportunity.account.contacts",
                    partner ? 1 : 2,
                    data.at("/opportunity/account/contacts/totalCount").asInt());
            expect(
                    mismatches,
                    who,
                    "budget shown",
                    !partner,
                    !data.at("/opportunity/budget").isNull());
            expect(
                    mismatches,
                    who,
                    "description shown",
                    !(partner && descriptionHidden),
                    !data.at("/opportunity/description").isNull());
        }

        JsonNode accountData = client.data(
                "query($id: ID!) { node(id: $id) { ... on Account { opportunities { totalCount } activities { totalCount } } } }",
                Map.of("id", account));
        boolean direct = readsAccountDirectly(who);
        expect(
                mismatches,
                who,
                "node(account)",
                direct,
                !accountData.get("node").isNull());
        if (direct) {
            expect(
                    mismatches,
                    who,
                    "Account.opportunities.totalCount",
                    sees ? 1 : 0,
                    accountData.at("/node/opportunities/totalCount").asInt());
            expect(
                    mismatches,
                    who,
                    "Account.activities.totalCount",
                    sees ? 1 : 0,
                    accountData.at("/node/activities/totalCount").asInt());
        }

        // search: hits and facet counts without what they may not see (the account is shared like every account)
        JsonNode search = client.data(
                        "{ search(query: \"zander\") { totalCount facets { types { value count } } } }", Map.of())
                .get("search");
        int expectedHits = (sees ? 2 : 0) + (direct ? 1 : 0);
        expect(
                mismatches,
                who,
                "search totalCount",
                expectedHits,
                search.get("totalCount").asInt());
        int opportunityFacet = 0;
        for (JsonNode bucket : search.at("/facets/types")) {
            if (bucket.get("value").asString().equals("OPPORTUNITY")) {
                opportunityFacet = bucket.get("count").asInt();
            }
        }
        expect(mismatches, who, "search facet OPPORTUNITY", sees ? 1 : 0, opportunityFacet);

        expect(mismatches, who, "GET attachment status", sees ? 200 : 404, download(client.token(), attachment));
    }

    /** The owner's own account, its contact and its visit, through every path; and a change of each. */
    private void ownAccountPaths(
            List<String> mismatches,
            Who who,
            GraphQlClient admin,
            GraphQlClient client,
            String account,
            String contact,
            String activity,
            String task,
            String attachment) {
        boolean reads = readsOwnAccount(who);
        JsonNode data =
                client.data("""
                query($account: ID!, $contact: ID!, $activity: ID!, $task: ID!) {
                  account: node(id: $account) { ... on Account { contacts { totalCount } activities { totalCount } } }
                  contact: node(id: $contact) { id }
                  activity: node(id: $activity) { id }
                  task: node(id: $task) { id }
                  search(query: "quellwerk") { totalCount facets { types { value count } } }
                }""", Map.of("account", account, "contact", contact, "activity", activity, "task", task));
        expect(mismatches, who, "node(own account)", reads, !data.get("account").isNull());
        expect(
                mismatches,
                who,
                "node(contact of own account)",
                reads,
                !data.get("contact").isNull());
        expect(
                mismatches,
                who,
                "node(visit of own account)",
                reads,
                !data.get("activity").isNull());
        expect(
                mismatches,
                who,
                "node(task of own account)",
                reads,
                !data.get("task").isNull());
        expect(
                mismatches,
                who,
                "GET attachment of own account's visit",
                reads ? 200 : 404,
                download(client.token(), attachment));
        expect(
                mismatches,
                who,
                "search quellwerk totalCount",
                reads ? 3 : 0,
                data.at("/search/totalCount").asInt());
        int contactFacet = 0;
        for (JsonNode bucket : data.at("/search/facets/types")) {
            if (bucket.get("value").asString().equals("CONTACT")) {
                contactFacet = bucket.get("count").asInt();
            }
        }
        expect(mismatches, who, "search quellwerk facet CONTACT", reads ? 1 : 0, contactFacet);
        if (reads) {
            expect(
                    mismatches,
                    who,
                    "own Account.contacts",
                    1,
                    data.at("/account/contacts/totalCount").asInt());
            expect(
                    mismatches,
                    who,
                    "own Account.activities",
                    1,
                    data.at("/account/activities/totalCount").asInt());
        }
        if (employee(who)) {
            JsonNode lists = client.data("""
                    query($contact: ID!) {
                      accounts(filter: { nameContains: "Quellwerk" }) { totalCount edges { node { id } } }
                      contact(id: $contact) { id }
                    }""", Map.of("contact", contact));
            expect(
                    mismatches,
                    who,
                    "accounts.totalCount",
                    reads ? 1 : 0,
                    lists.at("/accounts/totalCount").asInt());
            expect(
                    mismatches,
                    who,
                    "accounts.edges",
                    reads ? 1 : 0,
                    lists.at("/accounts/edges").size());
            expect(mismatches, who, "contact(id)", reads, !lists.get("contact").isNull());
        }

        int accountVersion = admin.data("query($id: ID!) { account(id: $id) { version } }", Map.of("id", account))
                .at("/account/version")
                .asInt();
        Change accountChange = outcome(
                client.execute(
                        "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } errors { code } } }",
                        Map.of("input", Map.of("id", account, "expectedVersion", accountVersion, "country", "DE"))),
                "updateAccount");
        expect(mismatches, who, "updateAccount(own account)", changesOwnAccount(who), accountChange);
        int contactVersion = admin.data("query($id: ID!) { contact(id: $id) { version } }", Map.of("id", contact))
                .at("/contact/version")
                .asInt();
        Change contactChange = outcome(
                client.execute(
                        "mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id } errors { code } } }",
                        Map.of("input", Map.of("id", contact, "expectedVersion", contactVersion, "title", "Leitung"))),
                "updateContact");
        expect(mismatches, who, "updateContact(of own account)", changesOwnAccount(who), contactChange);
        int taskVersion = admin.data(
                        "query($id: ID!) { node(id: $id) { ... on Task { version } } }", Map.of("id", task))
                .at("/node/version")
                .asInt();
        Change taskChange = outcome(
                client.execute(
                        "mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id } errors { code } } }",
                        Map.of(
                                "input",
                                Map.of("id", task, "expectedVersion", taskVersion, "notes", "Rückruf zugesagt"))),
                "updateTask");
        expect(mismatches, who, "updateTask(of own account)", changesOwnAccount(who), taskChange);
    }

    /** Changes the deal (its description) and, as the same caller, adds someone to its team; both must agree. */
    private Change change(GraphQlClient admin, GraphQlClient client, String deal, String extra) {
        int version = admin.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                .at("/opportunity/version")
                .asInt();
        Change update = outcome(
                client.execute(
                        "mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) {"
                                + " opportunity { id } errors { code } } }",
                        Map.of("input", Map.of("id", deal, "expectedVersion", version, "description", "Geprüft"))),
                "updateOpportunity");
        Change add = outcome(
                client.execute(
                        ADD_MEMBER,
                        Map.of("input", Map.of("opportunityId", deal, "userId", extra, "role", "Beratung"))),
                "addTeamMember");
        if (add == Change.SAVED) {
            admin.ok(
                    "mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { errors { code } } }",
                    "removeTeamMember",
                    Map.of("opportunityId", deal, "userId", extra));
        }
        return update == add ? update : null; // null: the two changes disagree, which is a mismatch too
    }

    private static Change outcome(JsonNode response, String field) {
        if (response.has("errors")) {
            return "FORBIDDEN".equals(response.at("/errors/0/extensions/code").asString()) ? Change.DENIED : null;
        }
        JsonNode errors = response.at("/data/" + field + "/errors");
        if (errors.isEmpty()) {
            return Change.SAVED;
        }
        return switch (errors.at("/0/code").asString()) {
            case "FORBIDDEN" -> Change.FORBIDDEN;
            case "NOT_FOUND" -> Change.NOT_FOUND;
            default -> null;
        };
    }

    private static void expect(List<String> mismatches, Who who, String path, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.add(who + " " + path + ": expected " + expected + ", got " + actual);
        }
    }

    private static long searchTotal(GraphQlClient client, String q) {
        return client.data("query($q: String!) { search(query: $q) { totalCount } }", Map.of("q", q))
                .at("/search/totalCount")
                .asLong();
    }

    private int download(String bearer, String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + url));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String upload(GraphQlClient admin, String activity) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("activityId", activity);
        parts.add("file", new ByteArrayResource(new byte[] {1, 2, 3}) {
            @Override
            public String getFilename() {
                return "Aufmass.pdf";
            }
        });
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + admin.token())
                .build()
                .post()
                .uri("/attachments")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw new IllegalStateException("upload refused: " + response.getStatusCode());
                })
                .body(JsonNode.class)
                .get("url")
                .asString();
    }
}
