-- When the "task is due" event went out: like reminded_at, set once under a row lock.
alter table task add column due_fired_at timestamptz;
create index task_due_event_idx on task (due_at) where due_fired_at is null and not done;
