-- Installed by a superuser (the launcher for its embedded PostgreSQL, an administrator with `openchance db-setup`, or
-- the server itself when it connects as one). It lets the server's owner role, which may not create roles, give a
-- plugin a login role of its own with rights on the plugin's schema only: SECURITY DEFINER runs it with the
-- installer's rights, so it takes as little as it can (a schema name and a password), checks both, and can do nothing
-- else. The search path is fixed so that no object of the caller's can stand in for a catalog one.
-- In a schema of its own, not in public: a function there would make a new database look non-empty to Flyway, and
-- only the server's role is let into it.
create schema if not exists openchance_admin;
revoke all on schema openchance_admin from public;
drop function if exists openchance_admin.plugin_role(text, text, text);
-- The role's name is made here from the schema and the database (roles belong to the whole PostgreSQL server, so the
-- database is part of it), never taken from the caller: a caller names only roles of its own database's plugins.
-- Returns it.
create or replace function openchance_admin.plugin_role(schema_name text, role_password text)
returns text
language plpgsql
strict
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    role_name text;
    existing pg_roles%rowtype;
    object record;
begin
    -- one at a time across servers: two starting the same new plugin would both try to create its role
    perform pg_advisory_xact_lock(hashtext('openchance_admin.plugin_role'));
    if schema_name !~ '^plugin_[a-z0-9_]{1,56}$' then
        raise exception 'not a plugin schema: %', schema_name using errcode = '22023';
    end if;
    if length(role_password) < 20 then
        raise exception 'a plugin role''s password needs at least 20 characters' using errcode = '22023';
    end if;
    role_name := left(schema_name, 48) || '_' || left(encode(sha256(convert_to(current_database() || '/' || schema_name,
                                                                                'UTF8')), 'hex'), 14);
    select * into existing from pg_roles r where r.rolname = role_name;
    if found and (existing.rolsuper or existing.rolcreaterole or existing.rolcreatedb or existing.rolreplication
                  or existing.rolbypassrls
                  or exists (select 1 from pg_auth_members m where m.member = existing.oid)
                  -- it may own the plugin's schema and what is in it, nothing else, and hold no grants: else it
                  -- is not (only) this plugin's
                  or exists (select 1 from pg_shdepend d
                             where d.refclassid = 'pg_authid'::regclass and d.refobjid = existing.oid
                               and (d.deptype <> 'o'
                                    or d.dbid <> (select oid from pg_database where datname = current_database())
                                    or (select coalesce(o.schema, case when d.classid = 'pg_namespace'::regclass
                                                                        then o.name end)
                                        from pg_identify_object(d.classid, d.objid, d.objsubid) o)
                                       is distinct from schema_name))) then
        raise exception 'role % exists with more rights than a plugin may have', role_name using errcode = '42501';
    end if;
    begin
        if not found then
            execute format('create role %I login noinherit nosuperuser nocreatedb nocreaterole noreplication'
                           ' nobypassrls connection limit 32 password %L', role_name, role_password);
        else
            execute format('alter role %I password %L', role_name, role_password);
        end if;
    exception when others then
        -- raised again without the statement, which holds the password, as its context
        raise exception '% (role %)', sqlerrm, role_name using errcode = sqlstate;
    end;
    -- the caller (the server's role, the database's owner) may look after the plugin's schema (backups, removal);
    -- it reads the plugin's tables over the plugin's own login, never with its own rights
    execute format('grant %I to %I', role_name, session_user);
    execute format('alter role %I in database %I set search_path = %I', role_name, current_database(), schema_name);
    execute format('create schema if not exists %I authorization %I', schema_name, role_name);
    execute format('alter schema %I owner to %I', schema_name, role_name);
    -- a schema made before plugins had roles of their own: its tables, views and sequences become the plugin's
    for object in
        select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = schema_name and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and c.relowner <> (select oid from pg_roles where rolname = role_name)
          -- a sequence that belongs to a column changes owner with its table
          and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid
                                               and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')))
    loop
        execute format('alter %s %I.%I owner to %I',
                       case object.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                           when 'f' then 'foreign table' when 'S' then 'sequence' else 'table' end,
                       schema_name, object.relname, role_name);
    end loop;
    for object in
        select p.oid::regprocedure as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = schema_name and p.proowner <> (select oid from pg_roles where rolname = role_name)
    loop
        execute format('alter routine %s owner to %I', object.signature, role_name);
    end loop;
    return role_name;
end
$$;
revoke all on function openchance_admin.plugin_role(text, text) from public;
