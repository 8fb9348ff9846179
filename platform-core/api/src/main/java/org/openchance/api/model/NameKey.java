package org.openchance.api.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How names of companies (accounts, competitors) are compared: "Müller GmbH", "MUELLER GMBH" and "Muller GmbH" give
 * the same key. German umlauts and ß are spelled out (ä → ae), other accents dropped, case and repeated spaces
 * ignored. Plugins that keep names unique use it so that they agree with the host.
 */
public final class NameKey {

    private NameKey() {}

    public static String of(String name) {
        String lower = name.trim()
                .toLowerCase(Locale.ROOT)
                .replace("ä", "ae")
                .replace("ö", "oe")
                .replace("ü", "ue")
                .replace("ß", "ss");
        String folded = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        // "mueller" and "muller" both become "muller": the ue of a spelled-out umlaut is not told from a plain u.
        return folded.replace("ae", "a").replace("oe", "o").replace("ue", "u").replaceAll("\\s+", " ");
    }
}
