package org.openchance.store.history;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RecordHistoryRepository extends CrudRepository<RecordHistoryRow, Long> {

    /** A page of a record's history, oldest first, after the entry {@code afterId}. */
    List<RecordHistoryRow> findByRecordIdAndIdGreaterThanOrderByIdAsc(UUID recordId, long afterId, Pageable limit);

    long countByRecordId(UUID recordId);
}
