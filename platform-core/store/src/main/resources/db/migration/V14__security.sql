-- Who may do what: roles and built-in passwords of users, refresh tokens, API keys, one-time links, login failures.

-- Roles decide what a user may do (the policy table in the README); a partner is always and only PARTNER.
alter table app_user add column roles text[] not null default '{SALES}'
    check (roles <@ array['ADMIN', 'MANAGER', 'SALES', 'PARTNER', 'READ_ONLY']::text[] and cardinality(roles) > 0);
update app_user set roles = '{PARTNER}' where kind = 'PARTNER';
alter table app_user add constraint app_user_partner_roles
    check ((kind = 'PARTNER') = (roles = '{PARTNER}'));
-- A built-in account's password (Spring Security's delegating format, e.g. {bcrypt}...); null: no password login
-- (OpenID Connect only, or invited and not yet accepted).
alter table app_user add column password_hash text;

-- Refresh tokens: only their SHA-256 is stored. Each use replaces the token by a new one of the same family; a
-- token used twice (stolen and replayed) revokes its whole family.
create table refresh_token (
    id           uuid primary key,
    family_id    uuid        not null,
    user_id      uuid        not null references app_user (id),
    token_hash   bytea       not null unique,
    issued_at    timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz,
    revoked_at   timestamptz
);
create index refresh_token_family on refresh_token (family_id);

-- API keys for integrations: the secret (oc_<public id>_<random>) is shown once; only its SHA-256 is stored.
-- A key acts as the user who created it, narrowed to its scopes.
create table api_key (
    id            uuid primary key,
    user_id       uuid        not null references app_user (id),
    name          text        not null check (length(trim(name)) between 1 and 100),
    scopes        text[]      not null check (scopes <@ array['READ', 'WRITE', 'ADMIN']::text[] and cardinality(scopes) > 0),
    secret_hash   bytea       not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_key_user on api_key (user_id);

-- One-time links: an invitation to set a first password, or an admin's password reset. Only the SHA-256 is stored.
create table account_link (
    token_hash  bytea primary key,
    user_id     uuid        not null references app_user (id),
    purpose     text        not null check (purpose in ('INVITATION', 'PASSWORD_RESET')),
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);

-- Who may see an opportunity through its team: READ or EDIT.
alter table opportunity_team_member add column access text not null default 'EDIT' check (access in ('READ', 'EDIT'));
create index opportunity_team_member_user on opportunity_team_member (user_id, opportunity_id);

-- The append-only audit log: who (user or API key), when, from where, what, on which record, with which changes;
-- sign-ins, refused tokens and permission denials too. Nothing updates or deletes its rows.
create table audit_entry (
    id          uuid primary key,
    at          timestamptz not null default now(),
    actor_id    uuid references app_user (id),
    api_key_id  uuid,
    address     text,
    operation   text        not null,
    record_type text,
    record_id   uuid,
    outcome     text        not null check (outcome in ('OK', 'DENIED', 'FAILED')),
    detail      jsonb
);
create index audit_entry_at on audit_entry (at desc, id desc);
create index audit_entry_actor on audit_entry (actor_id, at desc);
create rule audit_entry_no_update as on update to audit_entry do instead nothing;
create rule audit_entry_no_delete as on delete to audit_entry do instead nothing;
