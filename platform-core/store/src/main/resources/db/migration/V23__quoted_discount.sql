-- The discount of each deal's latest sent or accepted quote, in percent of the quote's undiscounted prices, as a
-- quotes plugin reports it: every value with when it was set (null: the deal has no such quote any more), so win/loss
-- analysis averages it per row, also as it stood on a past date.
create table opportunity_discount (
    id                bigint generated always as identity primary key,
    opportunity_id    uuid          not null references opportunity (id),
    discount_percent  numeric(7, 4) check (discount_percent between 0 and 100),
    set_at            timestamptz   not null,
    set_by            uuid references app_user (id)
);
create index opportunity_discount_of on opportunity_discount (opportunity_id, set_at desc, id desc);
