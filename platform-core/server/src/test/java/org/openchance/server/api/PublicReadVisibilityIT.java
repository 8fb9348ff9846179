package org.openchance.server.api;

import org.openchance.testkit.server.ServerTest;

/** The rule's matrix with the shipped default: every employee reads every deal; partners still only their own. */
@ServerTest(properties = "openchance.security.sharing.opportunities=PUBLIC_READ")
class PublicReadVisibilityIT extends VisibilityMatrix {

    PublicReadVisibilityIT() {
        super(true, false, false);
    }
}
