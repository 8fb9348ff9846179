-- What was forecast, as it was forecast: each model's figures per period for everyone and per owner, recorded once a
-- week and on demand, never changed afterwards ("what did we forecast for Q3 on July 1st").
create table forecast_snapshot (
    id           uuid primary key default gen_random_uuid(),
    taken_at     timestamptz    not null default now(),
    as_of        date           not null,
    model        text           not null,
    reason       text           not null check (reason in ('WEEKLY', 'ON_DEMAND')),
    taken_by     uuid references app_user (id),
    period_start date           not null,
    period_end   date           not null,
    -- null: every deal; else the owner's row, which includes their reports' deals
    owner_id     uuid references app_user (id),
    currency     text           not null check (currency ~ '^[A-Z]{3}$'),
    closed_won   numeric(19, 4) not null,
    commit       numeric(19, 4) not null,
    best_case    numeric(19, 4) not null,
    pipeline     numeric(19, 4) not null,
    weighted     numeric(19, 4) not null,
    expected     numeric(19, 4),
    p10          numeric(19, 4),
    p50          numeric(19, 4),
    p90          numeric(19, 4),
    quota        numeric(19, 4),
    unavailable  text
);
create index forecast_snapshot_period on forecast_snapshot (period_start, period_end, as_of);
create rule forecast_snapshot_no_update as on update to forecast_snapshot do instead nothing;
create rule forecast_snapshot_no_delete as on delete to forecast_snapshot do instead nothing;

-- The weekly snapshot of a model is taken by one server: the one whose insert of the week's row succeeds.
create table forecast_snapshot_week (
    model      text not null,
    week_start date not null,
    taken_at   timestamptz not null default now(),
    primary key (model, week_start)
);
