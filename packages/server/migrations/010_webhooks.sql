-- Where each webhook subscription has got to in the outbox, and when it tries again after a failure; and the
-- delivery log (every attempt, with the receiver's answer). Events go out in order, one after the other.
create table webhook_cursors (
  subscription_id text primary key,
  last_seq bigint not null,
  attempts int not null default 0,
  next_attempt_at timestamptz not null
);

create table webhook_deliveries (
  id bigint generated always as identity primary key,
  subscription_id text not null,
  seq bigint not null,
  event_type text not null,
  attempt int not null,
  outcome text not null check (outcome in ('delivered', 'failed')),
  status int,
  error text,
  at timestamptz not null
);
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, seq);
