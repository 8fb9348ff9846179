-- Mutation requests sent with an Idempotency-Key header: the answer of the first, replayed for the same key (per
-- user and credential, for a day), so that a client retrying after a lost response does not create or change twice.
create table idempotency_key (
    user_id       uuid        not null,
    -- the API key the requests came with; the nil UUID for a signed-in session
    api_key_id    uuid        not null,
    key           text        not null check (length(key) between 1 and 255),
    request_hash  text        not null,
    -- who holds the key while the first request runs: only that one completes or gives it back
    claim_id      uuid        not null,
    response      text,
    created_at    timestamptz not null default now(),
    primary key (user_id, api_key_id, key)
);
create index idempotency_key_created on idempotency_key (created_at);
