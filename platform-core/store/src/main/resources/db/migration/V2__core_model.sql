-- The core model: accounts, contacts, leads, pipelines and stages, opportunities with team, contacts and history.
-- Money is numeric + ISO currency code; never floating point.

create table account (
    id                       uuid primary key,
    name                     text        not null check (length(trim(name)) > 0),
    -- lower case, umlauts folded (ä -> ae, ß -> ss ...): how qualifyLead recognises an existing account
    match_key                text        not null,
    industry                 text,
    employee_count           integer check (employee_count >= 0),
    annual_revenue           numeric(19, 4),
    annual_revenue_currency  char(3),
    website                  text,
    country                  text,
    owner_id                 uuid references app_user (id),
    version                  integer     not null default 0,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    deleted_at               timestamptz,
    check ((annual_revenue is null) = (annual_revenue_currency is null))
);
create index account_match_key_idx on account (match_key) where deleted_at is null;
create index account_name_idx on account (lower(name), id);

create table contact (
    id          uuid primary key,
    account_id  uuid references account (id),
    first_name  text,
    last_name   text        not null check (length(trim(last_name)) > 0),
    title       text,
    email       text,
    phone       text,
    version     integer     not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    deleted_at  timestamptz
);
create index contact_account_idx on contact (account_id, last_name, id);

create table pipeline (
    id          uuid primary key,
    name        text    not null unique,
    position    integer not null,
    is_default  boolean not null default false
);
create unique index pipeline_one_default on pipeline (is_default) where is_default;

create table stage (
    id                   uuid primary key,
    pipeline_id          uuid    not null references pipeline (id),
    name                 text    not null,
    position             integer not null,
    default_probability  integer not null check (default_probability between 0 and 100),
    forecast_category    text    not null check (forecast_category in ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED')),
    is_closed            boolean not null default false,
    is_won               boolean not null default false,
    unique (pipeline_id, position),
    unique (pipeline_id, name),
    check (not is_won or is_closed)
);

-- The reasons a user may pick when closing, per pipeline and outcome.
create table close_reason (
    pipeline_id  uuid    not null references pipeline (id),
    outcome      text    not null check (outcome in ('WON', 'LOST')),
    reason       text    not null,
    position     integer not null,
    primary key (pipeline_id, outcome, reason)
);

create table opportunity (
    id                     uuid primary key,
    name                   text        not null check (length(trim(name)) > 0),
    account_id             uuid        not null references account (id),
    description            text,
    amount                 numeric(19, 4),
    amount_currency        char(3),
    budget                 numeric(19, 4),
    budget_currency        char(3),
    probability            integer     not null check (probability between 0 and 100),
    -- true when the probability was set by hand since the last stage change: moving stage then keeps it
    probability_manual     boolean     not null default false,
    expected_close_date    date,
    pipeline_id            uuid        not null references pipeline (id),
    stage_id               uuid        not null references stage (id),
    stage_entered_at       timestamptz not null default now(),
    forecast_category      text        not null check (forecast_category in ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED')),
    status                 text        not null check (status in ('OPEN', 'WON', 'LOST')),
    owner_id               uuid        not null references app_user (id),
    closed_at              date,
    close_reasons          text[]      not null default '{}',
    winning_competitor_id  text,
    close_note             text,
    lost_at_stage_id       uuid references stage (id),
    version                integer     not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    deleted_at             timestamptz,
    check ((amount is null) = (amount_currency is null)),
    check ((budget is null) = (budget_currency is null)),
    check ((status = 'OPEN') = (closed_at is null))
);
-- The orderings of the opportunity list (keyset pagination: sort key, then id).
create index opportunity_owner_close_idx on opportunity (owner_id, expected_close_date, id) where deleted_at is null;
create index opportunity_close_idx on opportunity (expected_close_date, id) where deleted_at is null;
create index opportunity_amount_idx on opportunity (amount, id) where deleted_at is null;
create index opportunity_updated_idx on opportunity (updated_at, id) where deleted_at is null;
create index opportunity_name_idx on opportunity (lower(name), id) where deleted_at is null;
create index opportunity_account_idx on opportunity (account_id);
create index opportunity_stage_idx on opportunity (stage_id);

create table opportunity_team_member (
    opportunity_id  uuid not null references opportunity (id),
    user_id         uuid not null references app_user (id),
    role            text not null check (length(trim(role)) > 0),
    added_at        timestamptz not null default now(),
    primary key (opportunity_id, user_id)
);

create table opportunity_contact (
    opportunity_id  uuid not null references opportunity (id),
    contact_id      uuid not null references contact (id),
    role            text not null check (length(trim(role)) > 0),
    primary key (opportunity_id, contact_id)
);

-- Every change of a tracked field, written in the same transaction as the change.
create table opportunity_history (
    id              bigint generated always as identity primary key,
    opportunity_id  uuid        not null references opportunity (id),
    field           text        not null,
    old_value       text,
    new_value       text,
    changed_at      timestamptz not null,
    changed_by      uuid references app_user (id)
);
create index opportunity_history_idx on opportunity_history (opportunity_id, id);

create table lead (
    id                        uuid primary key,
    company_name              text        not null check (length(trim(company_name)) > 0),
    contact_name              text,
    email                     text,
    phone                     text,
    source                    text,
    status                    text        not null check (status in ('NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED')),
    converted_opportunity_id  uuid references opportunity (id),
    version                   integer     not null default 0,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    check ((status = 'QUALIFIED') = (converted_opportunity_id is not null))
);
create index lead_created_idx on lead (created_at, id);

-- The default pipeline, as the product ships it.
insert into pipeline (id, name, position, is_default) values
    ('00000000-0000-4000-8000-000000000001', 'Sales', 1, true);
insert into stage (id, pipeline_id, name, position, default_probability, forecast_category, is_closed, is_won) values
    ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000001', 'Prospecting',    1,  10, 'PIPELINE',  false, false),
    ('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000001', 'Qualification',  2,  20, 'PIPELINE',  false, false),
    ('00000000-0000-4000-8000-000000000103', '00000000-0000-4000-8000-000000000001', 'Needs Analysis', 3,  40, 'PIPELINE',  false, false),
    ('00000000-0000-4000-8000-000000000104', '00000000-0000-4000-8000-000000000001', 'Proposal',       4,  60, 'BEST_CASE', false, false),
    ('00000000-0000-4000-8000-000000000105', '00000000-0000-4000-8000-000000000001', 'Negotiation',    5,  80, 'COMMIT',    false, false),
    ('00000000-0000-4000-8000-000000000106', '00000000-0000-4000-8000-000000000001', 'Closed Won',     6, 100, 'CLOSED',    true,  true),
    ('00000000-0000-4000-8000-000000000107', '00000000-0000-4000-8000-000000000001', 'Closed Lost',    7,   0, 'OMITTED',   true,  false);
insert into close_reason (pipeline_id, outcome, reason, position) values
    ('00000000-0000-4000-8000-000000000001', 'WON',  'Product fit', 1),
    ('00000000-0000-4000-8000-000000000001', 'WON',  'Price', 2),
    ('00000000-0000-4000-8000-000000000001', 'WON',  'Relationship', 3),
    ('00000000-0000-4000-8000-000000000001', 'LOST', 'Price', 1),
    ('00000000-0000-4000-8000-000000000001', 'LOST', 'Lost to competitor', 2),
    ('00000000-0000-4000-8000-000000000001', 'LOST', 'Missing features', 3),
    ('00000000-0000-4000-8000-000000000001', 'LOST', 'No budget', 4),
    ('00000000-0000-4000-8000-000000000001', 'LOST', 'No decision', 5),
    ('00000000-0000-4000-8000-000000000001', 'LOST', 'Timing', 6);
