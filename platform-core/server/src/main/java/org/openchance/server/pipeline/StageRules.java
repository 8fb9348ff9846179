package org.openchance.server.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.pipeline.StageRow;

/**
 * What a deal must have before it may enter a stage ({@code Stage.requiredFields}): the guided path, enforced on
 * {@code moveOpportunityStage} and {@code closeOpportunity} whoever calls the API.
 */
public final class StageRules {

    /** Whether the deal has the field; {@code hasContacts} says whether it has a contact (one more query). */
    private static final Map<String, BiPredicate<OpportunityRow, Boolean>> FIELDS = Map.of(
            "amount", (o, contacts) -> o.amount() != null,
            "budget", (o, contacts) -> o.budget() != null,
            "expectedCloseDate", (o, contacts) -> o.expectedCloseDate() != null,
            "description",
                    (o, contacts) -> o.description() != null && !o.description().isBlank(),
            "competitorCount", (o, contacts) -> o.competitorCount() != null,
            "resourceAvailability", (o, contacts) -> o.resourceAvailability() != null,
            "contacts", (o, contacts) -> contacts);

    private StageRules() {}

    /** The field names a stage may require, sorted. */
    public static List<String> fields() {
        return FIELDS.keySet().stream().sorted().toList();
    }

    public static boolean known(String field) {
        return FIELDS.containsKey(field);
    }

    /** Whether checking the stage's rules needs to know if the deal has contacts. */
    public static boolean needsContacts(StageRow stage) {
        return List.of(stage.requiredFields()).contains("contacts");
    }

    /** The stage's required fields the deal does not have, in the stage's order. */
    public static List<String> missing(StageRow stage, OpportunityRow deal, boolean hasContacts) {
        List<String> missing = new ArrayList<>();
        for (String field : stage.requiredFields()) {
            BiPredicate<OpportunityRow, Boolean> has = FIELDS.get(field);
            if (has != null && !has.test(deal, hasContacts)) {
                missing.add(field);
            }
        }
        return missing;
    }
}
