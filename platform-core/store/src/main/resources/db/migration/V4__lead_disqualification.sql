-- Why a lead was disqualified: kept for reporting on lead sources and qualification criteria.
alter table lead add column disqualification_reason text;
alter table lead add constraint lead_reason_only_when_disqualified
    check (disqualification_reason is null or status = 'DISQUALIFIED');
