package org.openchance.store.account;

import org.openchance.api.model.NameKey;

/**
 * How company names are compared: "Müller GmbH", "MUELLER GMBH" and "Muller GmbH" give the same key (the rule is
 * {@link NameKey}, shared with plugins that keep names unique).
 */
public final class MatchKey {

    private MatchKey() {}

    public static String of(String name) {
        return NameKey.of(name);
    }
}
