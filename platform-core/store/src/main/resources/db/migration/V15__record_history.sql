-- The history of accounts, contacts, leads and tasks: every changed field, written in the same transaction as the
-- change, with who made it. (Opportunities keep theirs in opportunity_history, which the as-of reads rebuild from.)
create table record_history (
    id           bigint generated always as identity primary key,
    record_type  text        not null check (record_type in ('Account', 'Contact', 'Lead', 'Task')),
    record_id    uuid        not null,
    field        text        not null,
    old_value    text,
    new_value    text,
    changed_at   timestamptz not null,
    changed_by   uuid references app_user (id)
);
create index record_history_record on record_history (record_id, id);
