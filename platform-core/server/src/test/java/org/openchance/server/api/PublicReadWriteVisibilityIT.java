package org.openchance.server.api;

import org.openchance.testkit.server.ServerTest;

/**
 * The rule's matrix with deals and accounts public to read and to write: every employee who may write at all changes
 * them (read-only users and READ keys still only read); partners still see and change only the deals they are on.
 */
@ServerTest(
        properties = {
            "openchance.security.sharing.opportunities=PUBLIC_READ_WRITE",
            "openchance.security.sharing.accounts=PUBLIC_READ_WRITE"
        })
class PublicReadWriteVisibilityIT extends VisibilityMatrix {

    PublicReadWriteVisibilityIT() {
        super(true, false, false);
        publicWrite();
    }
}
