package org.openchance.store.contact;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactRepository extends CrudRepository<ContactRow, UUID> {

    List<ContactRow> findByIdIn(Collection<UUID> ids);

    /** A live contact of the account with this e-mail (case-insensitive). */
    Optional<ContactRow> findFirstByAccountIdAndEmailIlikeAndDeletedAtIsNull(UUID accountId, String email);
}
