-- Competitors taken out of a deal, as they were in it and until when: analysis as of a past day counts them then.
create table removed_link (like opportunity_competitor including defaults);
alter table removed_link add column removed_at timestamptz not null default now();
create index removed_link_by_competitor on removed_link (competitor_id, opportunity_id);

-- Every stretch of time a competitor was in a deal: the links there are, and those taken out.
create view link_span as
    select opportunity_id, competitor_id, created_at, cast(null as timestamptz) as removed_at
    from opportunity_competitor
    union all
    select opportunity_id, competitor_id, created_at, removed_at from removed_link;
