-- The lost deals whose winner this plugin put into the deal: a link a user removes since stays removed.
create table imported_close (
    opportunity_id  uuid primary key,
    imported_at     timestamptz not null default now()
);
