package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Leads become opportunities in one transaction; contacts take roles in deals. */
@ServerTest
class LeadAndContactApiIT {

    static final String CREATE_LEAD =
            "mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id status version } errors { code field } } }";
    static final String QUALIFY = """
            mutation($input: QualifyLeadInput!) { qualifyLead(input: $input) {
              opportunity { id name account { id name } owner { name } amount { amount } contacts { role contact { firstName lastName email } } }
              errors { code message field } } }""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    GraphQlClient api;

    @BeforeEach
    void setUp() {
        // Records made here are owned by a named employee (an admin too), not by the start-up admin.
        api = new GraphQlClient(port).fixtures().signedInEmployee("Erika Mustermann", "erika@example.com");
    }

    String lead(String company, String contact, String email) {
        return api.ok(
                        CREATE_LEAD,
                        "createLead",
                        Map.of("companyName", company, "contactName", contact, "email", email, "source", "Trade fair"))
                .at("/lead/id")
                .asString();
    }

    /** Accounts, contacts, leads and tasks keep a history like opportunities: each changed field, old, new, by whom. */
    @Test
    void accountsContactsLeadsAndTasksKeepTheirHistoryWithTheAuthor() {
        String history = "{ totalCount edges { node { field oldValue newValue changedBy { name } } } }";
        String account = api.fixtures().anAccount("Verlauf GmbH", Map.of("industry", "Handel"));
        api.ok(
                "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { errors { code } } }",
                "updateAccount",
                Map.of("id", account, "expectedVersion", 0, "industry", "Großhandel", "website", "verlauf.example"));
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", account, "lastName", "Vogel", "title", "Einkauf"))
                .at("/contact/id")
                .asString();
        api.ok(
                "mutation($input: UpdateContactInput!) { updateContact(input: $input) { errors { code } } }",
                "updateContact",
                Map.of("id", contact, "expectedVersion", 0, "title", "Leitung Einkauf"));
        String lead = lead("Verlauf Nord KG", "Nora Nord", "nora@verlauf.example");
        api.ok(
                "mutation($input: DisqualifyLeadInput!) { disqualifyLead(input: $input) { errors { code } } }",
                "disqualifyLead",
                Map.of("leadId", lead, "expectedVersion", 0, "reason", "Kein Budget"));
        String task = api.ok(
                        "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { code } } }",
                        "createTask",
                        Map.of("accountId", account, "title", "Rückruf", "dueAt", "2030-01-10T09:00:00Z"))
                .at("/task/id")
                .asString();
        api.ok(
                "mutation($input: CompleteTaskInput!) { completeTask(input: $input) { errors { code } } }",
                "completeTask",
                Map.of("id", task, "expectedVersion", 0));

        JsonNode data = api.data(
                "query($a: ID!, $c: ID!, $l: ID!, $t: ID!) {"
                        + " a: node(id: $a) { ... on Account { history " + history + " } }"
                        + " c: node(id: $c) { ... on Contact { history " + history + " } }"
                        + " l: node(id: $l) { ... on Lead { history " + history + " } }"
                        + " t: node(id: $t) { ... on Task { history " + history + " } } }",
                Map.of("a", account, "c", contact, "l", lead, "t", task));
        assertThat(changes(data.at("/a/history")))
                .containsExactly("industry: Handel -> Großhandel", "website: null -> verlauf.example");
        assertThat(changes(data.at("/c/history"))).containsExactly("title: Einkauf -> Leitung Einkauf");
        assertThat(changes(data.at("/l/history")))
                .containsExactly("status: NEW -> DISQUALIFIED", "disqualificationReason: null -> Kein Budget");
        assertThat(changes(data.at("/t/history"))).startsWith("done: false -> true");
        assertThat(data.at("/a/history/edges/0/node/changedBy/name").asString()).isEqualTo("Erika Mustermann");
        assertThat(data.at("/t/history/totalCount").asInt())
                .isEqualTo(data.at("/t/history/edges").size());
    }

    private static java.util.List<String> changes(JsonNode history) {
        java.util.List<String> changes = new java.util.ArrayList<>();
        for (JsonNode edge : history.path("edges")) {
            JsonNode c = edge.path("node");
            changes.add(
                    c.path("field").asString() + ": " + text(c.path("oldValue")) + " -> " + text(c.path("newValue")));
        }
        return changes;
    }

    private static String text(JsonNode value) {
        return value.isNull() ? "null" : value.asString();
    }

    @Test
    void qualifyingCreatesAccountContactAndOpportunityAndLinksTheLead() {
        String lead = lead("Neue Kunden AG " + System.nanoTime(), "Hans Peter Meier", "hp.meier@neuekunden.example");
        JsonNode o = api.ok(
                        QUALIFY,
                        "qualifyLead",
                        Map.of(
                                "leadId",
                                lead,
                                "opportunityName",
                                "Erstprojekt",
                                "amount",
                                Map.of("amount", "25000", "currency", "EUR")))
                .get("opportunity");
        assertThat(o.get("name").asString()).isEqualTo("Erstprojekt");
        assertThat(o.at("/account/name").asString()).startsWith("Neue Kunden AG");
        assertThat(o.at("/owner/name").asString()).isEqualTo("Erika Mustermann");
        assertThat(o.at("/contacts/0/contact/firstName").asString()).isEqualTo("Hans Peter");
        assertThat(o.at("/contacts/0/contact/lastName").asString()).isEqualTo("Meier");
        assertThat(o.at("/contacts/0/role").asString()).isEqualTo("Primary contact");

        JsonNode after = api.data(
                        "query($id: ID!) { lead(id: $id) { status convertedOpportunity { id } } }", Map.of("id", lead))
                .get("lead");
        assertThat(after.get("status").asString()).isEqualTo("QUALIFIED");
        assertThat(after.at("/convertedOpportunity/id").asString())
                .isEqualTo(o.get("id").asString());

        JsonNode twice = api.errors(QUALIFY, "qualifyLead", "opportunity", Map.of("leadId", lead));
        assertThat(twice.get(0).get("code").asString()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void anExistingAccountIsFoundWhateverTheCaseAndUmlautSpelling() {
        String account = api.fixtures().anAccount("Groß & Müller Präzisionstechnik");
        String lead = lead("GROSS & MUELLER Praezisionstechnik", "Anna Schmidt", "anna@gm.example");
        JsonNode o = api.ok(QUALIFY, "qualifyLead", Map.of("leadId", lead)).get("opportunity");
        assertThat(o.at("/account/id").asString()).isEqualTo(account);
        assertThat(o.get("name").asString()).isEqualTo("GROSS & MUELLER Praezisionstechnik");
    }

    @Test
    void aFailureHalfWayLeavesNothingBehind() {
        String company = "Halbweg GmbH " + System.nanoTime();
        String lead = lead(company, "Karl Halbweg", "karl@halbweg.example");
        int accounts = count("account");
        int contacts = count("contact");
        int opportunities = count("opportunity");
        // Account and contact are written before the opportunity's name is found too long.
        JsonNode errors = api.errors(
                QUALIFY, "qualifyLead", "opportunity", Map.of("leadId", lead, "opportunityName", "x".repeat(300)));
        assertThat(errors.get(0).get("field").asString()).isEqualTo("input.opportunityName");
        assertThat(count("account")).isEqualTo(accounts);
        assertThat(count("contact")).isEqualTo(contacts);
        assertThat(count("opportunity")).isEqualTo(opportunities);
        assertThat(api.data("query($id: ID!) { lead(id: $id) { status } }", Map.of("id", lead))
                        .at("/lead/status")
                        .asString())
                .isEqualTo("NEW");
    }

    @Test
    void contactsTakeRolesInDealsAndAreListedPerAccount() {
        String account = api.fixtures().anAccount("Kontakt KG");
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id account { name } } errors { code field } } }",
                        "createContact",
                        Map.of(
                                "accountId",
                                account,
                                "firstName",
                                "Jürgen",
                                "lastName",
                                "Weiß",
                                "title",
                                "CTO",
                                "email",
                                "j.weiss@kontakt.example"))
                .at("/contact/id")
                .asString();
        JsonNode invalid = api.errors(
                "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code field } } }",
                "createContact",
                "contact",
                Map.of("lastName", "", "email", "no-mail"));
        assertThat(invalid.findValuesAsString("field")).contains("input.lastName", "input.email");

        String opportunity = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of("name", "Plattform", "accountId", account))
                .at("/opportunity/id")
                .asString();
        JsonNode linked = api.ok(
                "mutation($input: AddOpportunityContactInput!) { addOpportunityContact(input: $input) { opportunity { contacts { role contact { lastName } } } errors { code field } } }",
                "addOpportunityContact",
                Map.of("opportunityId", opportunity, "contactId", contact, "role", "Technical buyer"));
        assertThat(linked.at("/opportunity/contacts/0/role").asString()).isEqualTo("Technical buyer");
        assertThat(linked.at("/opportunity/contacts/0/contact/lastName").asString())
                .isEqualTo("Weiß");

        JsonNode listed = api.data(
                        "query($id: ID!) { account(id: $id) { contacts(first: 10) { totalCount edges { node { lastName title } } } } }",
                        Map.of("id", account))
                .at("/account/contacts");
        assertThat(listed.get("totalCount").asInt()).isOne();
        assertThat(listed.at("/edges/0/node/title").asString()).isEqualTo("CTO");
    }

    static final String UPDATE_LEAD =
            "mutation($input: UpdateLeadInput!) { updateLead(input: $input) { lead { status source disqualificationReason version } errors { code field } } }";
    static final String DISQUALIFY =
            "mutation($input: DisqualifyLeadInput!) { disqualifyLead(input: $input) { lead { status disqualificationReason version } errors { code field } } }";

    @Test
    void leadsAreWorkedDisqualifiedAndReopened() {
        String lead = lead("Vielleicht GmbH", "Vera Vielleicht", "vera@vielleicht.example");
        JsonNode working = api.ok(
                        UPDATE_LEAD,
                        "updateLead",
                        Map.of("id", lead, "expectedVersion", 0, "status", "WORKING", "source", "Referral"))
                .get("lead");
        assertThat(working.get("status").asString()).isEqualTo("WORKING");
        assertThat(working.get("source").asString()).isEqualTo("Referral");
        assertThat(working.get("version").asInt()).isOne();

        assertThat(api.errors(
                                UPDATE_LEAD,
                                "updateLead",
                                "lead",
                                Map.of("id", lead, "expectedVersion", 0, "source", "Web"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("VERSION_CONFLICT");
        assertThat(api.errors(
                                UPDATE_LEAD,
                                "updateLead",
                                "lead",
                                Map.of("id", lead, "expectedVersion", 1, "status", "QUALIFIED"))
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("input.status");
        assertThat(api.errors(
                                DISQUALIFY,
                                "disqualifyLead",
                                "lead",
                                Map.of("leadId", lead, "expectedVersion", 1, "reason", " "))
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("input.reason");
        assertThat(api.data("query($id: ID!) { lead(id: $id) { source version } }", Map.of("id", lead))
                        .get("lead")
                        .toString())
                .as("nothing written by the refused changes")
                .isEqualTo("{\"source\":\"Referral\",\"version\":1}");

        JsonNode disqualified = api.ok(
                        DISQUALIFY,
                        "disqualifyLead",
                        Map.of("leadId", lead, "expectedVersion", 1, "reason", "No budget this year"))
                .get("lead");
        assertThat(disqualified.get("status").asString()).isEqualTo("DISQUALIFIED");
        assertThat(disqualified.get("disqualificationReason").asString()).isEqualTo("No budget this year");
        assertThat(api.errors(QUALIFY, "qualifyLead", "opportunity", Map.of("leadId", lead))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("INVALID_TRANSITION");

        JsonNode reopened = api.ok(UPDATE_LEAD, "updateLead", Map.of("id", lead, "expectedVersion", 2, "status", "NEW"))
                .get("lead");
        assertThat(reopened.get("status").asString()).isEqualTo("NEW");
        assertThat(reopened.get("disqualificationReason").isNull()).isTrue();

        api.ok(QUALIFY, "qualifyLead", Map.of("leadId", lead));
        assertThat(api.errors(
                                UPDATE_LEAD,
                                "updateLead",
                                "lead",
                                Map.of("id", lead, "expectedVersion", 4, "source", "Web"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("INVALID_TRANSITION");
        assertThat(api.errors(
                                DISQUALIFY,
                                "disqualifyLead",
                                "lead",
                                Map.of("leadId", lead, "expectedVersion", 4, "reason", "x"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("INVALID_TRANSITION");
        assertThat(api.errors(
                                DISQUALIFY,
                                "disqualifyLead",
                                "lead",
                                Map.of("leadId", "nope", "expectedVersion", 0, "reason", "x"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void contactsAreEditedAndUnlinkedFromDeals() {
        String account = api.fixtures().anAccount("Änderung AG");
        String contact = api.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code field } } }",
                        "createContact",
                        Map.of(
                                "accountId",
                                account,
                                "firstName",
                                "Özlem",
                                "lastName",
                                "Yılmaz",
                                "email",
                                "oe@aenderung.example"))
                .at("/contact/id")
                .asString();
        String update =
                "mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { firstName lastName title email version account { name } } errors { code field } } }";

        JsonNode updated = api.ok(
                        update, "updateContact", Map.of("id", contact, "expectedVersion", 0, "title", "Head of IT"))
                .get("contact");
        assertThat(updated.toString())
                .isEqualTo("{\"firstName\":\"Özlem\",\"lastName\":\"Yılmaz\",\"title\":\"Head of IT\","
                        + "\"email\":\"oe@aenderung.example\",\"version\":1,\"account\":{\"name\":\"Änderung AG\"}}");
        assertThat(api.errors(
                                update,
                                "updateContact",
                                "contact",
                                Map.of("id", contact, "expectedVersion", 0, "title", "CEO"))
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("VERSION_CONFLICT");
        JsonNode invalid = api.errors(
                update,
                "updateContact",
                "contact",
                Map.of(
                        "id",
                        contact,
                        "expectedVersion",
                        1,
                        "email",
                        "kaputt",
                        "lastName",
                        "",
                        "accountId",
                        "QWNjb3VudDowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwOTk"));
        assertThat(invalid.findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.email", "input.lastName", "input.accountId");
        assertThat(api.data("query($id: ID!) { contact(id: $id) { title version } }", Map.of("id", contact))
                        .get("contact")
                        .toString())
                .isEqualTo("{\"title\":\"Head of IT\",\"version\":1}");

        String opportunity = api.ok(
                        "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                        "createOpportunity",
                        Map.of("name", "Wechsel", "accountId", account))
                .at("/opportunity/id")
                .asString();
        api.ok(
                "mutation($input: AddOpportunityContactInput!) { addOpportunityContact(input: $input) { opportunity { id } errors { code } } }",
                "addOpportunityContact",
                Map.of("opportunityId", opportunity, "contactId", contact, "role", "Champion"));
        String remove =
                "mutation($input: RemoveOpportunityContactInput!) { removeOpportunityContact(input: $input) { opportunity { contacts { role } } errors { code field } } }";
        JsonNode removed =
                api.ok(remove, "removeOpportunityContact", Map.of("opportunityId", opportunity, "contactId", contact));
        assertThat(removed.at("/opportunity/contacts").size()).isZero();
        JsonNode again = api.errors(
                remove,
                "removeOpportunityContact",
                "opportunity",
                Map.of("opportunityId", opportunity, "contactId", contact));
        assertThat(again.get(0).get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(again.get(0).get("field").asString()).isEqualTo("input.contactId");
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
