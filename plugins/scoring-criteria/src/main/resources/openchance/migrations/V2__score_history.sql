-- Every score this plugin computed after a change, with the scorecard version it used and what each criterion
-- added: a user sees why a score moved (a field changed, or the scorecard did).
create table criteria_score (
    id                 bigint generated always as identity primary key,
    opportunity_id     uuid        not null,
    scorecard_version  integer     not null references scorecard (version),
    value              numeric(4, 1) not null,
    computed_at        timestamptz not null default now()
);
create index criteria_score_opportunity_idx on criteria_score (opportunity_id, id desc);

create table criteria_score_contribution (
    score_id     bigint  not null references criteria_score (id),
    position     integer not null,
    criterion    text    not null,
    weight       numeric not null,
    value        text,
    points       numeric not null,
    explanation  text,
    primary key (score_id, position)
);
