package org.openchance.store.opportunity;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TeamMemberRepository extends CrudRepository<TeamMemberRow, TeamMemberRow.Key> {

    List<TeamMemberRow> findByKeyOpportunityIdInOrderByAddedAt(Collection<java.util.UUID> opportunityIds);
}
