-- Domain events: a transactional outbox. An event is written in the same transaction as the change it describes,
-- together with one pending delivery per subscribed listener; dispatchers deliver after commit, retry with backoff,
-- and keep what keeps failing as a dead letter. Nothing is read by position, so a late commit cannot be skipped.

create table domain_event (
    id              bigint generated always as identity primary key,
    type            text        not null,
    aggregate_type  text        not null,
    aggregate_id    uuid        not null,
    payload         jsonb       not null,
    occurred_at     timestamptz not null default now()
);

-- The listeners that get every new event (registered by the servers that run them).
create table event_subscription (
    listener    text primary key,
    created_at  timestamptz not null default now()
);

create table event_pending (
    listener         text        not null references event_subscription (listener),
    event_id         bigint      not null references domain_event (id),
    aggregate_id     uuid        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    dead             boolean     not null default false,
    primary key (listener, event_id)
);
create index event_pending_due_idx on event_pending (listener, next_attempt_at) where not dead;
-- order per record: an event waits while an earlier one of the same record is pending for the same listener
create index event_pending_order_idx on event_pending (listener, aggregate_id, event_id) where not dead;
