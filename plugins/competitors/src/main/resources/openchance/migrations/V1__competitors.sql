-- Competitors: one row per company we compete with; a merged one points to the one it was merged into.
create table competitor (
    id              uuid primary key,
    name            text        not null check (length(trim(name)) between 1 and 200),
    name_key        text        not null,
    website         text,
    description     text,
    strengths       text,
    weaknesses      text,
    opportunities   text,
    threats         text,
    price_position  text check (price_position in ('LOWER', 'SIMILAR', 'HIGHER')),
    tags            text[]      not null default '{}',
    archived_at     timestamptz,
    merged_into     uuid references competitor (id),
    version         integer     not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
-- "ACME GmbH" and "Acme GmbH" are one competitor (the host's name folding); merged ones give their name free.
create unique index competitor_name on competitor (name_key) where merged_into is null;
create index competitor_by_name on competitor (name_key, id);

-- A competitor in a deal (the deal is the host's opportunity, by id).
create table opportunity_competitor (
    opportunity_id  uuid        not null,
    competitor_id   uuid        not null references competitor (id),
    status          text        not null check (status in ('IN_PLAY', 'ELIMINATED', 'WON', 'LOST')),
    threat_level    text check (threat_level in ('LOW', 'MEDIUM', 'HIGH')),
    incumbent       boolean     not null default false,
    price_amount    numeric(19, 4),
    price_currency  text,
    price_position  text check (price_position in ('LOWER', 'SIMILAR', 'HIGHER')),
    strengths       text,
    weaknesses      text,
    note            text,
    version         integer     not null default 1,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (opportunity_id, competitor_id),
    check ((price_amount is null) = (price_currency is null))
);
create index opportunity_competitor_by_competitor on opportunity_competitor (competitor_id, opportunity_id);

-- What happened to a competitor record: created, changed, archived, merged (both sides say so).
create table competitor_history (
    id             bigint generated always as identity primary key,
    competitor_id  uuid        not null references competitor (id),
    change         text        not null,
    detail         text,
    changed_by     text,
    changed_at     timestamptz not null default now()
);
create index competitor_history_of on competitor_history (competitor_id, id);
