package org.openchance.server.api;

import org.openchance.testkit.server.ServerTest;

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

    PrivateVisibilityIT() {
        super(false, true, true);
    }
}
