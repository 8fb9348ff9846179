-- The quotes plugin's records, in its own schema: the catalogue (products, price lists, prices) and the quotes
-- (numbered per year, revised, each revision with its lines and, once sent, its document).

create table product (
    id           uuid primary key,
    sku          text        not null check (length(trim(sku)) > 0),
    name         text        not null check (length(trim(name)) > 0),
    description  text,
    unit         text        not null check (length(trim(unit)) > 0),
    tax_rate     numeric(5, 2) not null check (tax_rate between 0 and 100),
    active       boolean     not null default true,
    version      integer     not null default 1,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
-- "ab-100" and "AB-100" are one article number
create unique index product_sku on product (lower(sku));

create table price_list (
    id          uuid primary key,
    name        text        not null check (length(trim(name)) > 0),
    currency    char(3)     not null,
    valid_from  date,
    valid_to    date,
    -- an account's own list: offered first for that account's deals
    account_id  uuid,
    version     integer     not null default 1,
    created_at  timestamptz not null default now(),
    check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create unique index price_list_name on price_list (lower(name));

-- A product's price in a list; several rows with different min_quantity are quantity breaks.
create table price (
    price_list_id  uuid          not null references price_list (id),
    product_id     uuid          not null references product (id),
    min_quantity   numeric(19, 4) not null default 1 check (min_quantity > 0),
    unit_price     numeric(19, 4) not null check (unit_price >= 0),
    primary key (price_list_id, product_id, min_quantity)
);

-- The last number given per year. The row lock orders concurrent creations and a rollback gives the number back:
-- numbers are consecutive without gaps.
create table quote_counter (
    year  integer primary key,
    last  integer not null
);

create table quote (
    id                uuid primary key,
    number            text        not null,
    revision          integer     not null check (revision >= 1),
    opportunity_id    uuid        not null,
    account_id        uuid        not null,
    contact_id        uuid,
    owner_id          uuid,
    price_list_id     uuid references price_list (id),
    currency          char(3)     not null,
    status            text        not null check (status in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'SUPERSEDED')),
    valid_until       date        not null,
    language          text        not null check (language in ('de', 'en')),
    customer_address  text,
    contact_name      text,
    subject           text,
    introduction      text,
    terms             text,
    discount_percent  numeric(7, 4) not null default 0 check (discount_percent between 0 and 100),
    template          text        not null default 'pdf-standard',
    reject_reason     text,
    sent_at           timestamptz,
    decided_at        timestamptz,
    created_by        text,
    version           integer     not null default 1,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (number, revision)
);
create index quote_opportunity on quote (opportunity_id, number, revision);
create index quote_expiry on quote (valid_until) where status = 'SENT';
-- at most one accepted quote per deal, whatever runs at once
create unique index quote_one_accepted on quote (opportunity_id) where status = 'ACCEPTED';

create table quote_line (
    id                uuid primary key,
    quote_id          uuid          not null references quote (id) on delete cascade,
    position          integer       not null check (position >= 1),
    product_id        uuid references product (id),
    sku               text,
    name              text          not null check (length(trim(name)) > 0),
    description       text,
    quantity          numeric(19, 4) not null check (quantity > 0),
    unit              text          not null,
    unit_price        numeric(19, 4) not null check (unit_price >= 0),
    discount_percent  numeric(7, 4) not null default 0 check (discount_percent between 0 and 100),
    tax_rate          numeric(5, 2) not null check (tax_rate between 0 and 100),
    optional          boolean       not null default false,
    unique (quote_id, position) deferrable initially deferred
);

-- What the customer got: the document of a sent revision, stored once, never rendered again.
create table quote_document (
    quote_id    uuid primary key references quote (id),
    media_type  text        not null,
    file_name   text        not null,
    content     bytea       not null,
    created_at  timestamptz not null default now()
);
