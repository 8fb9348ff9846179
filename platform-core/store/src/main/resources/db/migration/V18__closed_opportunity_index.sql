-- Win/loss analysis reads the closed deals of a close-date range.
create index opportunity_closed_idx on opportunity (closed_at, id) where closed_at is not null;
