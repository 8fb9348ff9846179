-- For the host's tests of closedTotals over a table of the plugin's: a plain table of keys, and a view over it whose
-- function reads a product table. Read over the plugin's own login (as the host must), the view is refused; read by
-- the server, even under SET ROLE, it would hand the number of users back as a key.
create table deal_key (
    opportunity_id uuid not null,
    key            text not null,
    primary key (opportunity_id, key)
);
create function leak() returns text language plpgsql as $$
begin
    -- leaves any role a reader might have set for it (set role): only the role it logged in as stays
    perform set_config('role', 'none', true);
    return (select count(*)::text from public.app_user);
end
$$;
create view leaky_deal_key as select opportunity_id, leak() as key from deal_key;
