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
 * an account also with whoever reads one of its deals), and the description hidden from partners as well as the
 * budget.
 */
@ServerTest(
        properties = {
            "openchance.security.sharing.opportunities=PRIVATE",
            "openchance.security.sharing.accounts=PRIVATE",
            "openchance.security.partners.hidden-fields=budget,description"
        })
class PrivateVisibilityIT extends VisibilityMatrix {

    private static final String SEARCH =
            "query($q: String!, $types: [SearchType!]) { search(query: $q, types: $types) { totalCount } }";

    PrivateVisibilityIT() {
        super(false, true, true);
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
