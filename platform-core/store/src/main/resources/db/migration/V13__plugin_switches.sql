-- Plugins an administrator switched off (disablePlugin), until switched on again (enablePlugin). Kept in the database
-- so that the switch holds across restarts and for every server on it. (The breaker's switch after repeated failures
-- is each server's own: it is about what that server saw.)
create table plugin_switch (
    plugin_id        text        primary key,
    switched_off_at  timestamptz not null default now()
);
