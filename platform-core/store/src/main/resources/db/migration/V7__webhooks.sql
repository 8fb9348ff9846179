-- Webhooks: integrations get the domain events they subscribed to, signed, with retries; every attempt is logged.

create table webhook (
    id           uuid primary key,
    url          text        not null,
    -- the HMAC-SHA256 key of the signature header; shown once, when the webhook is created
    secret       text        not null,
    -- empty: every event type
    event_types  text[]      not null default '{}',
    active       boolean     not null default true,
    created_at   timestamptz not null default now()
);

create table webhook_delivery (
    id           bigint generated always as identity primary key,
    webhook_id   uuid        not null references webhook (id),
    event_id     bigint      not null references domain_event (id),
    attempt      integer     not null,
    status_code  integer,
    error        text,
    duration_ms  integer     not null,
    success      boolean     not null,
    attempted_at timestamptz not null default now()
);
create index webhook_delivery_idx on webhook_delivery (webhook_id, id desc);
