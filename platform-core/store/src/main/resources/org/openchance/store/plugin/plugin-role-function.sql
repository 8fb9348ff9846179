-- Installed by a superuser (the launcher for its embedded PostgreSQL, an administrator with `openchance db-setup`, or
-- the server itself when it connects as one). It lets the server's owner role, which may not create roles, give a
-- plugin a login role of its own with rights on the plugin's schema only: SECURITY DEFINER runs it with the
-- installer's rights, so it checks every argument and can do nothing else. The search path is fixed so that no object
-- of the caller's can stand in for a catalog one.
-- In a schema of its own, not in public: a function there would make a new database look non-empty to Flyway, and
-- only the server's role is let into it.
create schema if not exists openchance_admin;
revoke all on schema openchance_admin from public;
create or replace function openchance_admin.plugin_role(role_name text, role_password text, schema_name text)
returns void
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    existing pg_roles%rowtype;
    object record;
begin
    if role_name !~ '^plugin_[a-z0-9_]{1,56}$' or schema_name !~ '^plugin_[a-z0-9_]{1,56}$' then
        raise exception 'not a plugin role or schema: %, %', role_name, schema_name using errcode = '22023';
    end if;
    if length(role_password) < 20 then
        raise exception 'a plugin role''s password needs at least 20 characters' using errcode = '22023';
    end if;
    select * into existing from pg_roles r where r.rolname = role_name;
    if not found then
        execute format('create role %I login noinherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls'
                       ' password %L', role_name, role_password);
    elsif existing.rolsuper or existing.rolcreaterole or existing.rolcreatedb or existing.rolreplication
          or existing.rolbypassrls or exists (select 1 from pg_auth_members m where m.member = existing.oid) then
        -- never hand out a role that can do more than a plugin may (one made by hand under a plugin's name)
        raise exception 'role % exists with more rights than a plugin may have', role_name using errcode = '42501';
    else
        execute format('alter role %I password %L', role_name, role_password);
    end if;
    -- the caller (the server's role) reads the plugin's tables for its host services, as a member of the role
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
end
$$;
revoke all on function openchance_admin.plugin_role(text, text, text) from public;
