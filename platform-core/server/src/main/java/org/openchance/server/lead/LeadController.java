package org.openchance.server.lead;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.openchance.server.graphql.Batches;
import org.openchance.server.graphql.Connection;
import org.openchance.server.graphql.DateTimes;
import org.openchance.server.graphql.GlobalId;
import org.openchance.server.graphql.Mutations;
import org.openchance.server.graphql.Pages;
import org.openchance.server.graphql.UserError;
import org.openchance.server.opportunity.VisibleOpportunities;
import org.openchance.store.lead.LeadQueries;
import org.openchance.store.lead.LeadRepository;
import org.openchance.store.lead.LeadRow;
import org.openchance.store.lead.LeadStatus;
import org.openchance.store.opportunity.OpportunityRow;
import org.openchance.store.page.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class LeadController {

    static final String TYPE = "Lead";

    record LeadFilter(LeadStatus status) {}

    record LeadPayload(LeadRow lead, List<UserError> errors) {}

    record OpportunityPayload(OpportunityRow opportunity, List<UserError> errors) {}

    private final LeadRepository leads;
    private final VisibleOpportunities opportunities;
    private final LeadService service;
    private final LeadQueries query;

    LeadController(LeadRepository leads, VisibleOpportunities opportunities, LeadService service, LeadQueries query) {
        this.leads = leads;
        this.opportunities = opportunities;
        this.service = service;
        this.query = query;
    }

    @QueryMapping
    LeadRow lead(@Argument String id) {
        return GlobalId.decode(id, TYPE).flatMap(leads::findById).orElse(null);
    }

    @QueryMapping
    Connection<LeadRow> leads(@Argument Integer first, @Argument String after, @Argument LeadFilter filter) {
        LeadQueries.Filter criteria = new LeadQueries.Filter(filter == null ? null : filter.status());
        PageRequest page = Pages.request("leads", LeadQueries.NEWEST_FIRST, first, after);
        return Pages.connection(
                "leads", page, query.page(criteria, page), leads::findByIdIn, LeadRow::id, () -> query.count(criteria));
    }

    @MutationMapping
    LeadPayload createLead(@Argument LeadService.CreateLeadInput input) {
        return Mutations.run(() -> service.create(input), LeadPayload::new);
    }

    @MutationMapping
    OpportunityPayload qualifyLead(@Argument LeadService.QualifyLeadInput input) {
        return Mutations.run(() -> service.qualify(input), OpportunityPayload::new);
    }

    @MutationMapping
    LeadPayload updateLead(@Argument LeadService.UpdateLeadInput input) {
        return Mutations.run(() -> service.update(input), LeadPayload::new);
    }

    @MutationMapping
    LeadPayload disqualifyLead(@Argument LeadService.DisqualifyLeadInput input) {
        return Mutations.run(() -> service.disqualify(input), LeadPayload::new);
    }

    @SchemaMapping(typeName = TYPE, field = "id")
    String id(LeadRow lead) {
        return GlobalId.of(TYPE, lead.id());
    }

    @SchemaMapping(typeName = TYPE, field = "createdAt")
    OffsetDateTime createdAt(LeadRow lead) {
        return DateTimes.utc(lead.createdAt());
    }

    @BatchMapping(typeName = TYPE, field = "convertedOpportunity")
    Map<LeadRow, OpportunityRow> convertedOpportunity(List<LeadRow> list) {
        return Batches.byKey(list, LeadRow::convertedOpportunityId, opportunities::find, OpportunityRow::id);
    }
}
