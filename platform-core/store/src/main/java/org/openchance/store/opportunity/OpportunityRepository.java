package org.openchance.store.opportunity;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Opportunities by id. Lists with filters, orderings and keyset pages: {@link OpportunityQueries}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OpportunityRepository extends CrudRepository<OpportunityRow, UUID> {

    List<OpportunityRow> findByIdIn(Collection<UUID> ids);
}
