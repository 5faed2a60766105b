-- Messages on a referral between the navigators and the referring practice, threaded by `in_reply_to`.
create table messages (
  id uuid primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  in_reply_to uuid references messages (id),
  author jsonb not null,
  body text not null,
  at timestamptz not null
);
create index messages_referral on messages (referral_id, at, id);

-- What happened, written in the transaction of the change itself, so nothing is lost while a webhook receiver or a
-- browser is away; deliveries read from here in order. Payloads hold ids and codes, never personal data.
create table outbox_events (
  seq bigint generated always as identity primary key,
  referral_id uuid not null references referrals (id) on delete cascade,
  practice_id text not null,
  type text not null,
  payload jsonb not null,
  at timestamptz not null
);
create index outbox_events_practice on outbox_events (practice_id, seq);
