-- The open pipeline is what users list most: "my open opportunities by close date". Closed deals outnumber open ones
-- (three to one in a two-year history) and come first by close date, so the (owner_id, expected_close_date) index
-- would read and drop thousands of closed rows for one page. Status first lets a page read only its own rows.
create index opportunity_status_owner_close_idx on opportunity (status, owner_id, expected_close_date, id)
    where deleted_at is null;
create index opportunity_status_close_idx on opportunity (status, expected_close_date, id) where deleted_at is null;
