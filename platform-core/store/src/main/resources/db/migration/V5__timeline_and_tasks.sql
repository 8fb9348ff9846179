-- Working the opportunity: the activity timeline (calls, e-mails, meetings, notes, materials, presentations,
-- milestones), tasks with reminders, and when a deal counts as stalled in a stage.

create table activity (
    id              uuid primary key,
    type            text        not null check (type in ('CALL', 'MEETING', 'EMAIL', 'NOTE', 'MATERIAL', 'PRESENTATION', 'MILESTONE')),
    opportunity_id  uuid references opportunity (id),
    -- always set: the opportunity's account (which never changes) or the account the activity was logged on, so an
    -- account's timeline, its opportunities' activities included, is one index range
    account_id      uuid        not null references account (id),
    subject         text        not null check (length(trim(subject)) > 0),
    body            text,
    outcome         text,
    occurred_at     timestamptz not null,
    author_id       uuid references app_user (id),
    version         integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz
);
create index activity_opportunity_idx on activity (opportunity_id, occurred_at desc nulls last, id desc nulls last) where deleted_at is null;
create index activity_account_idx on activity (account_id, occurred_at desc nulls last, id desc nulls last) where deleted_at is null;

create table activity_contact (
    activity_id  uuid not null references activity (id),
    contact_id   uuid not null references contact (id),
    primary key (activity_id, contact_id)
);

-- Files that came with an activity (a quote sent, slides shown). Kept in PostgreSQL: one backup holds everything.
create table attachment (
    id           uuid primary key,
    activity_id  uuid        not null references activity (id),
    name         text        not null check (length(trim(name)) > 0),
    media_type   text        not null,
    size_bytes   bigint      not null check (size_bytes >= 0),
    content      bytea       not null,
    created_at   timestamptz not null default now()
);
create index attachment_activity_idx on attachment (activity_id, created_at);

create table task (
    id              uuid primary key,
    title           text        not null check (length(trim(title)) > 0),
    notes           text,
    due_at          timestamptz not null,
    remind_at       timestamptz,
    assignee_id     uuid references app_user (id),
    opportunity_id  uuid references opportunity (id),
    account_id      uuid references account (id),
    done            boolean     not null default false,
    done_at         timestamptz,
    -- when the reminder was sent: set once, under a row lock, so it fires once however many servers run
    reminded_at     timestamptz,
    version         integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (done = (done_at is not null))
);
create index task_assignee_due_idx on task (assignee_id, due_at, id);
create index task_due_idx on task (due_at, id);
create index task_opportunity_idx on task (opportunity_id, due_at, id);
create index task_reminder_idx on task (remind_at) where reminded_at is null and remind_at is not null and not done;

-- opportunitiesAsOf: a field's last change before a moment and its first change after it.
create index opportunity_history_field_idx on opportunity_history (opportunity_id, field, changed_at, id);

-- After how many days in a stage an open deal counts as stalled (null: never).
alter table stage add column stalled_after_days integer check (stalled_after_days > 0);
update stage set stalled_after_days = case position when 1 then 30 when 2 then 30 when 3 then 45 when 4 then 30 when 5 then 21 end
    where pipeline_id = '00000000-0000-4000-8000-000000000001' and not is_closed;
create index opportunity_stage_entered_idx on opportunity (stage_id, stage_entered_at) where deleted_at is null and status = 'OPEN';
