-- Exchange rates with a validity date: a rate applies from its day until the day before the next one of the same
-- currency. Rates are quoted against a base, the organisation's reporting currency when they were set (the ECB's
-- convention: 1 base = rate units of the currency); a change of the reporting currency leaves them aside. The codes
-- are text, not char(3): statements compare them with text parameters, which would otherwise cast the column and
-- miss the index.
create table exchange_rate (
    id         uuid primary key default gen_random_uuid(),
    base       text           not null check (base ~ '^[A-Z]{3}$'),
    currency   text           not null check (currency ~ '^[A-Z]{3}$'),
    valid_from date           not null,
    rate       numeric(24, 10) not null check (rate > 0),
    set_at     timestamptz    not null default now(),
    set_by     uuid references app_user (id),
    unique (base, currency, valid_from),
    check (base <> currency)
);
