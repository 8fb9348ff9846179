package org.openchance.store.user;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<UserRow, UUID> {

    Optional<UserRow> findByEmailIlike(String email);

    List<UserRow> findByIdIn(Collection<UUID> ids);

    /** The first active employee: who the API acts for when no current user is configured. */
    Optional<UserRow> findFirstByActiveTrueAndKindOrderByCreatedAt(UserKind kind);
}
