-- Readers of the outbox must never skip an event. A transaction that took a lower seq but commits after a higher
-- one was skipped for good by readers of `seq > last`. Each event now carries the id of the transaction that wrote
-- it; readers take only events of transactions older than the oldest one still running
-- (txid < pg_snapshot_xmin(pg_current_snapshot())), a set that never grows again, in (txid, seq) order, and keep
-- (txid, seq) as their position. Events written before this migration are all committed: txid 0 puts them first,
-- in seq order, so a webhook cursor at seq N (now (0, N)) goes on where it was.
alter table outbox_events add column txid bigint not null default 0;
alter table outbox_events alter column txid set default (pg_current_xact_id()::text::bigint);
create index outbox_events_order on outbox_events (txid, seq);
create index outbox_events_practice_order on outbox_events (practice_id, txid, seq);
drop index outbox_events_practice;

alter table webhook_cursors add column last_txid bigint not null default 0;
-- A delivery no longer holds a transaction open while it posts (that would hold back every reader's horizon): the
-- instance delivering a subscription holds a lease on its cursor instead.
alter table webhook_cursors add column leased_by text;
alter table webhook_cursors add column leased_until timestamptz;
