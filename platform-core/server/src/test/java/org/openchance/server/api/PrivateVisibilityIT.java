package org.openchance.server.api;

import org.openchance.testkit.server.ServerTest;

/** The rule's matrix with deals shared with nobody by default: owner, team and the owner's managers. */
@ServerTest(properties = "openchance.security.sharing.opportunities=PRIVATE")
class PrivateVisibilityIT extends VisibilityMatrix {

    PrivateVisibilityIT() {
        super(false);
    }
}
