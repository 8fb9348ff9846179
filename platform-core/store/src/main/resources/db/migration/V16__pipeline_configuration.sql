-- The sales process becomes configuration. Pipelines get a version (concurrent changes are refused), an archived
-- flag and their close rules; stages get the fields a deal needs before entering them, and are removed softly (closed
-- deals and history keep naming them); close reasons can be retired (kept on closed deals, no longer offered).
alter table pipeline
    add column version                  integer not null default 0,
    add column archived                 boolean not null default false,
    add column lost_requires_reason     boolean not null default true,
    add column lost_requires_competitor boolean not null default false,
    add check (not (archived and is_default));

alter table stage
    add column required_fields text[] not null default '{}',
    add column removed_at      timestamptz;
-- Positions and names are unique among the live stages of a pipeline (a reorder moves them in two steps).
alter table stage drop constraint stage_pipeline_id_position_key;
alter table stage drop constraint stage_pipeline_id_name_key;
create unique index stage_live_position on stage (pipeline_id, position) where removed_at is null;
create unique index stage_live_name on stage (pipeline_id, lower(name)) where removed_at is null;

alter table close_reason add column retired_at timestamptz;
