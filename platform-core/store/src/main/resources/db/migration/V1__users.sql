-- People who work opportunities: employees and external partners.
create table app_user (
    id          uuid primary key,
    name        text        not null check (length(trim(name)) > 0),
    email       text        not null,
    kind        text        not null check (kind in ('EMPLOYEE', 'PARTNER')),
    company     text,
    manager_id  uuid references app_user (id),
    active      boolean     not null default true,
    version     integer     not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create unique index app_user_email_key on app_user (lower(email));
