package org.openchance.server.api;

import org.openchance.testkit.server.ServerTest;

/**
 * The rule's matrix with every deal read by every employee but accounts private: an account with a deal is then
 * everyone's to read (through the deal), an account without one only its owner's line's.
 */
@ServerTest(
        properties = {
            "openchance.security.sharing.opportunities=PUBLIC_READ",
            "openchance.security.sharing.accounts=PRIVATE"
        })
class PrivateAccountsVisibilityIT extends VisibilityMatrix {

    PrivateAccountsVisibilityIT() {
        super(true, false, true);
    }
}
