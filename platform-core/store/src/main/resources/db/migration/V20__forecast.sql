-- Forecasting: sales quotas per person and period, and managers' adjustments beside the computed forecast.
-- A period is a calendar month or quarter, stored as its first and last day.
create table quota (
    id           uuid primary key default gen_random_uuid(),
    user_id      uuid          not null references app_user (id),
    period_start date          not null,
    period_end   date          not null,
    amount       numeric(19, 4) not null check (amount >= 0),
    currency     text          not null check (currency ~ '^[A-Z]{3}$'),
    set_at       timestamptz   not null default now(),
    set_by       uuid references app_user (id),
    unique (user_id, period_start, period_end),
    check (period_end >= period_start)
);

-- An adjustment never overwrites the computed figure: each one is kept, the newest per (user, period) applies.
create table forecast_adjustment (
    id           uuid primary key default gen_random_uuid(),
    user_id      uuid          not null references app_user (id),
    period_start date          not null,
    period_end   date          not null,
    amount       numeric(19, 4) not null,
    currency     text          not null check (currency ~ '^[A-Z]{3}$'),
    note         text          not null check (length(note) between 1 and 2000),
    adjusted_at  timestamptz   not null default now(),
    adjusted_by  uuid          not null references app_user (id)
);
create index forecast_adjustment_user_period on forecast_adjustment (user_id, period_start, adjusted_at desc);
