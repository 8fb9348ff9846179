-- The event types a listener wants (null: all); others are never queued for it. 'opportunity.*' stands for every type
-- that starts with 'opportunity.'.
alter table event_subscription add column event_types text[];
