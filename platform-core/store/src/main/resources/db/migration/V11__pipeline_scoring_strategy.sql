-- Which scoring strategy's score is "the" score (Opportunity.score) of a pipeline's opportunities; null: the first
-- active strategy by id. A strategy id, not a reference: strategies come and go with their plugins.
alter table pipeline add column scoring_strategy text;
