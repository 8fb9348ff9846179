package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.TestDatabase;
import org.openchance.testkit.TestSearch;
import org.openchance.testkit.TestServices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Leads become opportunities in one transaction; contacts take roles in deals. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeadAndContactApiIT {

    static final TestDatabase DB = TestServices.database(LeadAndContactApiIT.class);
    static final TestSearch SEARCH = TestServices.search(LeadAndContactApiIT.class);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        DB.applyTo((key, value) -> registry.add(key, () -> value));
        SEARCH.applyTo((key, value) -> registry.add(key, () -> value));
    }

    static final String CREATE_LEAD = "mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id status version } errors { code field } } }";
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
        api = new GraphQlClient(port);
        if (jdbc.queryForObject("select count(*) from app_user", Integer.class) == 0) {
            api.ok("mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code } } }",
                    "createUser", Map.of("name", "Erika Mustermann", "email", "erika@example.com", "kind", "EMPLOYEE"));
        }
    }

    String lead(String company, String contact, String email) {
        return api.ok(CREATE_LEAD, "createLead", Map.of("companyName", company, "contactName", contact, "email", email,
                "source", "Trade fair")).at("/lead/id").asString();
    }

    @Test
    void qualifyingCreatesAccountContactAndOpportunityAndLinksTheLead() {
        String lead = lead("Neue Kunden AG " + System.nanoTime(), "Hans Peter Meier", "hp.meier@neuekunden.example");
        JsonNode o = api.ok(QUALIFY, "qualifyLead", Map.of("leadId", lead, "opportunityName", "Erstprojekt",
                "amount", Map.of("amount", "25000", "currency", "EUR"))).get("opportunity");
        assertThat(o.get("name").asString()).isEqualTo("Erstprojekt");
        assertThat(o.at("/account/name").asString()).startsWith("Neue Kunden AG");
        assertThat(o.at("/owner/name").asString()).isEqualTo("Erika Mustermann");
        assertThat(o.at("/contacts/0/contact/firstName").asString()).isEqualTo("Hans Peter");
        assertThat(o.at("/contacts/0/contact/lastName").asString()).isEqualTo("Meier");
        assertThat(o.at("/contacts/0/role").asString()).isEqualTo("Primary contact");

        JsonNode after = api.data("query($id: ID!) { lead(id: $id) { status convertedOpportunity { id } } }", Map.of("id", lead)).get("lead");
        assertThat(after.get("status").asString()).isEqualTo("QUALIFIED");
        assertThat(after.at("/convertedOpportunity/id").asString()).isEqualTo(o.get("id").asString());

        JsonNode twice = api.errors(QUALIFY, "qualifyLead", "opportunity", Map.of("leadId", lead));
        assertThat(twice.get(0).get("code").asString()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void anExistingAccountIsFoundWhateverTheCaseAndUmlautSpelling() {
        String account = api.ok("mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } errors { code } } }",
                "createAccount", Map.of("name", "Groß & Müller Präzisionstechnik")).at("/account/id").asString();
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
        JsonNode errors = api.errors(QUALIFY, "qualifyLead", "opportunity", Map.of("leadId", lead, "opportunityName", "x".repeat(300)));
        assertThat(errors.get(0).get("field").asString()).isEqualTo("input.opportunityName");
        assertThat(count("account")).isEqualTo(accounts);
        assertThat(count("contact")).isEqualTo(contacts);
        assertThat(count("opportunity")).isEqualTo(opportunities);
        assertThat(api.data("query($id: ID!) { lead(id: $id) { status } }", Map.of("id", lead)).at("/lead/status").asString())
                .isEqualTo("NEW");
    }

    @Test
    void contactsTakeRolesInDealsAndAreListedPerAccount() {
        String account = api.ok("mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } errors { code } } }",
                "createAccount", Map.of("name", "Kontakt KG")).at("/account/id").asString();
        String contact = api.ok("mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id account { name } } errors { code field } } }",
                "createContact", Map.of("accountId", account, "firstName", "Jürgen", "lastName", "Weiß", "title", "CTO",
                        "email", "j.weiss@kontakt.example")).at("/contact/id").asString();
        JsonNode invalid = api.errors("mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code field } } }",
                "createContact", "contact", Map.of("lastName", "", "email", "no-mail"));
        assertThat(invalid.findValuesAsString("field")).contains("input.lastName", "input.email");

        String opportunity = api.ok("mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } errors { code } } }",
                "createOpportunity", Map.of("name", "Plattform", "accountId", account)).at("/opportunity/id").asString();
        JsonNode linked = api.ok("mutation($input: AddOpportunityContactInput!) { addOpportunityContact(input: $input) { opportunity { contacts { role contact { lastName } } } errors { code field } } }",
                "addOpportunityContact", Map.of("opportunityId", opportunity, "contactId", contact, "role", "Technical buyer"));
        assertThat(linked.at("/opportunity/contacts/0/role").asString()).isEqualTo("Technical buyer");
        assertThat(linked.at("/opportunity/contacts/0/contact/lastName").asString()).isEqualTo("Weiß");

        JsonNode listed = api.data("query($id: ID!) { account(id: $id) { contacts(first: 10) { totalCount edges { node { lastName title } } } } }",
                Map.of("id", account)).at("/account/contacts");
        assertThat(listed.get("totalCount").asInt()).isOne();
        assertThat(listed.at("/edges/0/node/title").asString()).isEqualTo("CTO");
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
