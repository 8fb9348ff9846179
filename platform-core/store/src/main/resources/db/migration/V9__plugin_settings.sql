-- Plugin settings: set by administrators through the API (configurePlugin), read by the plugin (PluginSettings).
create table plugin_setting (
    plugin_id   text not null,
    key         text not null check (key ~ '^[A-Za-z0-9._-]{1,100}$'),
    value       text not null,
    updated_at  timestamptz not null default now(),
    primary key (plugin_id, key)
);
