package org.openchance.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import tools.jackson.databind.JsonNode;

/**
 * The rule's matrix with deals and accounts shared with nobody by default (owner, team and the owner's managers;
 * an account also with whoever reads one of its deals), and the description and how a deal closed hidden from
 * partners as well as the budget.
 */
@ServerTest(
        properties = {
            "openchance.security.sharing.opportunities=PRIVATE",
            "openchance.security.sharing.accounts=PRIVATE",
            "openchance.security.partners.hidden-fields=budget,description,closeDetails"
        })
class PrivateVisibilityIT extends VisibilityMatrix {

    private static final String SEARCH =
            "query($q: String!, $types: [SearchType!]) { search(query: $q, types: $types) { totalCount } }";

    PrivateVisibilityIT() {
        super(false, true, true);
    }

    /**
     * How a deal closed, hidden from partners: not in its close details, and not in its history either (reasons,
     * winner, close date, stage lost at), where an employee reads them; the history's count is of what they see.
     */
    @Test
    void aPartnerOnTheTeamDoesNotReadHowTheDealClosedInItsHistory() {
        GraphQlClient admin = new GraphQlClient(port);
        var fixtures = admin.fixtures();
        String partner = fixtures.aPartner("Pia Partnerin", "pia@partner-close.example", "Partner Close AG");
        String deal = fixtures.anOpportunity(fixtures.anAccount("Abschluss Verborgen GmbH"), "Verdichterstation");
        admin.ok(
                "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "addTeamMember",
                Map.of("opportunityId", deal, "userId", partner, "role", "Technik", "access", "READ"));
        int version = admin.data("query($id: ID!) { opportunity(id: $id) { version } }", Map.of("id", deal))
                .at("/opportunity/version")
                .asInt();
        admin.ok(
                "mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) { opportunity { id }"
                        + " errors { code field message } } }",
                "closeOpportunity",
                Map.of(
                        "id",
                        deal,
                        "expectedVersion",
                        version,
                        "outcome",
                        "LOST",
                        "reasons",
                        List.of("Price"),
                        "winningCompetitorId",
                        "Kolben Konkurrenz KG"));
        String read = "query($id: ID!) { opportunity(id: $id) { closeDetails { reasons }"
                + " history(first: 100) { totalCount edges { node { field } } } } }";

        JsonNode employee = admin.data(read, Map.of("id", deal)).get("opportunity");
        assertThat(employee.at("/closeDetails/reasons/0").asString()).isEqualTo("Price");
        assertThat(employee.at("/history/edges").findValuesAsString("field"))
                .contains("status", "closedAt", "closeReasons", "winningCompetitor", "lostAtStage");

        JsonNode seen =
                fixtures.signedIn(partner).data(read, Map.of("id", deal)).get("opportunity");
        assertThat(seen.get("closeDetails").isNull()).isTrue();
        List<String> fields = seen.at("/history/edges").findValuesAsString("field");
        assertThat(fields).contains("status"); // the history itself is theirs to read
        assertThat(fields).doesNotContain("closedAt", "closeReasons", "winningCompetitor", "lostAtStage");
        assertThat(seen.at("/history/totalCount").asInt()).isEqualTo(fields.size());
    }

    /** Read through a deal: a team member reads its account and contacts; taken off the team, no longer. */
    @Test
    void aPrivateAccountReadThroughADealIsGoneWithTheTeamMembership() {
        GraphQlClient admin = new GraphQlClient(port);
        var fixtures = admin.fixtures();
        String helper = fixtures.anEmployee("Hanna Helferin", "hanna@example.com", List.of("SALES"), null);
        GraphQlClient asHelper = fixtures.signedIn(helper);
        String account = fixtures.anAccount("Wolkenkratzer Bau AG");
        String contact = admin.ok(
                        "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } errors { code } } }",
                        "createContact",
                        Map.of("accountId", account, "firstName", "Wanda", "lastName", "Wolkenreiter"))
                .at("/contact/id")
                .asString();
        String deal = fixtures.anOpportunity(account, "Fassadenreinigung");
        String reads = "query($account: ID!, $contact: ID!) { account: node(id: $account) { id }"
                + " contact: node(id: $contact) { id } }";
        Map<String, String> ids = Map.of("account", account, "contact", contact);
        JsonNode before = asHelper.data(reads, ids);
        assertThat(before.get("account").isNull()).isTrue(); // not hers: neither the account nor its people
        assertThat(before.get("contact").isNull()).isTrue();

        admin.ok(
                "mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "addTeamMember",
                Map.of("opportunityId", deal, "userId", helper, "role", "Technik", "access", "READ"));
        JsonNode onTeam = asHelper.data(reads, ids);
        assertThat(onTeam.at("/account/id").asString()).isEqualTo(account); // at once in PostgreSQL
        assertThat(onTeam.at("/contact/id").asString()).isEqualTo(contact);
        await().atMost(Duration.ofSeconds(5)) // and in search within seconds: the account and its contact
                .until(() -> total(asHelper, "wolkenkratzer", "ACCOUNT") == 1
                        && total(asHelper, "wolkenreiter", "CONTACT") == 1);

        admin.ok(
                "mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { opportunity { id } errors { code } } }",
                "removeTeamMember",
                Map.of("opportunityId", deal, "userId", helper));
        JsonNode off = asHelper.data(reads, ids);
        assertThat(off.get("account").isNull()).isTrue(); // gone at once
        assertThat(off.get("contact").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(5)) // and from search within 5 s
                .until(() -> total(asHelper, "wolkenkratzer", "ACCOUNT") == 0
                        && total(asHelper, "wolkenreiter", "CONTACT") == 0);
        // still there for who may see them
        assertThat(total(admin, "wolkenkratzer", "ACCOUNT")).isEqualTo(1);
        assertThat(total(admin, "wolkenreiter", "CONTACT")).isEqualTo(1);
    }

    private static long total(GraphQlClient client, String q, String type) {
        return client.data(SEARCH, Map.of("q", q, "types", List.of(type)))
                .at("/search/totalCount")
                .asLong();
    }
}
