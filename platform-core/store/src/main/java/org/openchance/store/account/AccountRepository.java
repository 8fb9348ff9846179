package org.openchance.store.account;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<AccountRow, UUID> {

    List<AccountRow> findByIdIn(Collection<UUID> ids);

    /** The live accounts a lead's company name matches, oldest first. */
    List<AccountRow> findByMatchKeyAndDeletedAtIsNullOrderByCreatedAt(String matchKey);
}
