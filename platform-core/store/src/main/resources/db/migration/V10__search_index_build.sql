-- A search index being rebuilt (one per record type at most). While a row is here, every server's indexer writes
-- each change to this index as well as to the live one, so that nothing written during the rebuild is lost.
create table search_index_build (
    doc_type    text primary key,
    index_name  text        not null,
    started_at  timestamptz not null default now()
);
