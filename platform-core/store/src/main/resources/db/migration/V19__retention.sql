-- Retention: old events, webhook deliveries and dead letters are removed by a job (openchance.retention.*), and the
-- subscriptions of listeners that stopped claiming long ago, with what waits for them.

-- when the listener last claimed its deliveries (stamped at most once a minute)
alter table event_subscription add column last_claimed_at timestamptz not null default now();

create index domain_event_occurred_idx on domain_event (occurred_at);
create index webhook_delivery_attempted_idx on webhook_delivery (attempted_at);
create index webhook_delivery_event_idx on webhook_delivery (event_id);
create index event_pending_event_idx on event_pending (event_id);
