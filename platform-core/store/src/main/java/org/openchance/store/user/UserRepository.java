package org.openchance.store.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<UserRow, UUID> {

    /** The user with this e-mail address, case folded (exactly: no LIKE patterns, "a_b" is not "axb"). */
    @Query("select * from app_user where lower(email) = lower(:email)")
    Optional<UserRow> findByEmail(String email);

    List<UserRow> findByIdIn(Collection<UUID> ids);

    /** Whether any active user has the ADMIN role (else the server creates one on start). */
    @Query("select exists (select 1 from app_user where active and 'ADMIN' = any(roles))")
    boolean anyActiveAdmin();
}
