-- Mutation requests sent with an Idempotency-Key header: the answer of the first, replayed for the same key (per
-- caller, for a day), so that a client retrying after a lost response does not create or change twice.
create table idempotency_key (
    user_id       uuid        not null,
    key           text        not null check (length(key) between 1 and 255),
    request_hash  text        not null,
    response      text,
    created_at    timestamptz not null default now(),
    primary key (user_id, key)
);
create index idempotency_key_created on idempotency_key (created_at);
