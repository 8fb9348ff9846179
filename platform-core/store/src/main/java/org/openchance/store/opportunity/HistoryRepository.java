package org.openchance.store.opportunity;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HistoryRepository extends CrudRepository<HistoryRow, Long> {

    /** A page of an opportunity's history, oldest first, after the entry {@code afterId}. */
    List<HistoryRow> findByOpportunityIdAndIdGreaterThanOrderByIdAsc(
            UUID opportunityId, long afterId, io.micronaut.data.model.Pageable limit);

    long countByOpportunityId(UUID opportunityId);

    /** The same page without some fields (what the caller may not see). */
    List<HistoryRow> findByOpportunityIdAndIdGreaterThanAndFieldNotInOrderByIdAsc(
            UUID opportunityId,
            long afterId,
            java.util.Collection<String> fields,
            io.micronaut.data.model.Pageable limit);

    long countByOpportunityIdAndFieldNotIn(UUID opportunityId, java.util.Collection<String> fields);

    /** The newest change of the stage: its old value is where a closed opportunity came from. */
    default java.util.Optional<HistoryRow> findLastStageChange(UUID opportunityId) {
        return findFirstByOpportunityIdAndFieldOrderByIdDesc(opportunityId, "stage");
    }

    java.util.Optional<HistoryRow> findFirstByOpportunityIdAndFieldOrderByIdDesc(UUID opportunityId, String field);

    /** The changes of one field of these opportunities, oldest first (one statement for a page of them). */
    List<HistoryRow> findByOpportunityIdInAndFieldOrderByIdAsc(java.util.Collection<UUID> opportunityIds, String field);
}
