-- What the team records for scoring: how many competitors are in the running, and whether delivery staff are free
-- when the project would start (a level, or the date from which they are free). Null: not known.
alter table opportunity add column competitor_count integer check (competitor_count between 0 and 100);
alter table opportunity add column resource_availability text check (resource_availability in ('HIGH', 'MEDIUM', 'LOW'));
alter table opportunity add column resources_available_from date;

-- Each opportunity's current score under the strategy its pipeline uses (Opportunity.score), kept by the host so
-- opportunity lists can be ordered by score. The strategy's revision (e.g. the scorecard version) tells which rows a
-- strategy change left stale; they are recomputed in the background.
create table opportunity_score (
    opportunity_id  uuid primary key references opportunity (id),
    strategy        text          not null,
    revision        text          not null,
    value           numeric(5, 2) not null check (value between 0 and 100),
    computed_at     timestamptz   not null default now()
);
create index opportunity_score_value_idx on opportunity_score (value, opportunity_id);
