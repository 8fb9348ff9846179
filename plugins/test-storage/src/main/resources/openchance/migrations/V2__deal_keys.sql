-- For the host's tests of closedTotals over a table of the plugin's: a plain table of keys, and a view over it whose
-- function reads a product table. Read as the plugin (as the host must), the view is refused; read as the server, it
-- would hand the number of users back as a key.
create table deal_key (
    opportunity_id uuid not null,
    key            text not null,
    primary key (opportunity_id, key)
);
create function leak() returns text language plpgsql as $$
begin
    return (select count(*)::text from public.app_user);
end
$$;
create view leaky_deal_key as select opportunity_id, leak() as key from deal_key;
