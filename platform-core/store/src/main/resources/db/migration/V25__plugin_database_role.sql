-- The PostgreSQL login of each plugin's own role (see PluginRoles): the role may use its own schema only, so it cannot
-- read this table; the host reads it to open the plugin's connections. One row per plugin schema, kept across starts
-- and shared by every server of a cluster (a password set anew by each start would lock the other servers out).
create table plugin_database_role (
    schema_name  text        primary key,
    role_name    text        not null unique,
    password     text        not null,
    created_at   timestamptz not null default now()
);
